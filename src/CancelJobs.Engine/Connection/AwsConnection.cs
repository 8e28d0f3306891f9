using System;
using System.Text.RegularExpressions;

namespace CancelJobs.Engine.Connection
{
    /// <summary>
    /// Where and as whom to call AWS, as the user asked for it (parameters only). Anything left null is resolved
    /// by AWSSDK.Core from the environment, shared config files and instance metadata.
    /// Listed objects carry the connection they were listed with, so a piped Stop-* goes to the same place.
    /// Everything credential-related is internal: records travel through ConvertTo-Json, Export-Clixml and
    /// transcripts, and PowerShell sees only public members. No public constructor either, so PowerShell cannot
    /// build one from a property bag (a CSV or JSON row with a "Connection" column must not redirect requests).
    /// </summary>
    public sealed class AwsConnection : IEquatable<AwsConnection>
    {
        internal AwsConnection()
        {
        }

        public string? Region { get; internal set; }
        public string? ProfileName { get; internal set; }
        /// <summary>The endpoint as given, with any user-info (user:password@) masked: this is shown and serialized.</summary>
        public string? EndpointUrl
        {
            get => Secrets.RedactUrl(RawEndpointUrl);
            internal set => RawEndpointUrl = value;
        }

        /// <summary>The endpoint exactly as given, for sending requests.</summary>
        internal string? RawEndpointUrl { get; private set; }

        internal string? ProfileLocation { get; set; }
        internal string? AccessKey { get; set; }
        internal string? SecretKey { get; set; }
        internal string? SessionToken { get; set; }

        /// <summary>
        /// An AWSCredentials object. Typed as object so the cmdlet assembly never binds to AWSSDK.Core itself;
        /// one from another AWSSDK.Core (AWS Tools in the same session) is read through its GetCredentials().
        /// </summary>
        internal object? Credentials { get; set; }

        // Where a value came from when not from this command's parameters (a piped object's connection), for -Verbose.
        // Not part of equality: the same place is the same connection.
        internal string? RegionFrom { get; set; }
        internal string? EndpointFrom { get; set; }
        internal string? CredentialsFrom { get; set; }

        /// <summary>Named in -Verbose for values a piped object's connection supplied.</summary>
        internal const string PipedObject = "the piped object";

        /// <summary>The connection one command's parameters describe.</summary>
        public static AwsConnection FromParameters(string? region, string? profileName, string? profileLocation, string? endpointUrl,
            string? accessKey, string? secretKey, string? sessionToken, object? credentials)
        {
            // Known from here on: every later message masks them, however they are encoded or quoted.
            Secrets.Register(secretKey, sessionToken);
            Secrets.RegisterUrlUserInfo(endpointUrl);
            return new AwsConnection
            {
                Region = region,
                ProfileName = profileName,
                ProfileLocation = profileLocation,
                EndpointUrl = endpointUrl,
                AccessKey = accessKey,
                SecretKey = secretKey,
                SessionToken = sessionToken,
                Credentials = credentials,
            };
        }

        /// <summary>Named in -Verbose for AWS Tools for PowerShell's session defaults (Set-DefaultAWSRegion, Set-AWSCredential).</summary>
        public const string StoredRegionVariable = "$StoredAWSRegion";
        public const string StoredCredentialsVariable = "$StoredAWSCredentials";

        /// <summary>
        /// AWS Tools for PowerShell's session defaults, as a connection to overlay the parameters (and a piped object's
        /// connection) on: they come after those and before the environment and the shared files, as in AWS Tools.
        /// <paramref name="credentials"/> is an AWSCredentials object (usually of AWS Tools' own AWSSDK.Core).
        /// </summary>
        public static AwsConnection SessionDefaults(string? region, object? credentials) => new AwsConnection
        {
            Region = region,
            Credentials = credentials,
            RegionFrom = region != null ? StoredRegionVariable : null,
            CredentialsFrom = credentials != null ? StoredCredentialsVariable : null,
        };

        /// <summary>
        /// The region a piped row or object states in its own Region property (Import-Csv of exported Get-* output): a
        /// connection to overlay the parameters on, as a Get-* object's own connection is.
        /// </summary>
        public static AwsConnection StatedRegion(string region) => new AwsConnection
        {
            Region = region,
            RegionFrom = PipedRegionProperty,
        };

        internal const string PipedRegionProperty = "the piped object's Region property";

        /// <summary>This connection with <paramref name="region"/> as its -Region (one of several a command was given).</summary>
        public AwsConnection WithRegion(string region) => new AwsConnection
        {
            Region = region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            EndpointUrl = RawEndpointUrl,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            Credentials = Credentials,
            RegionFrom = null,
            EndpointFrom = EndpointFrom,
            CredentialsFrom = CredentialsFrom,
        };

        /// <summary>The parameters given here win; what they leave unset comes from <paramref name="fallback"/>.</summary>
        public AwsConnection OverlayOn(AwsConnection? fallback) => OverlayOn(fallback, PipedObject);

        /// <summary>As <see cref="OverlayOn(AwsConnection?)"/>; values taken from the fallback are named as coming from
        /// <paramref name="fallbackName"/>, unless the fallback names its own sources (session defaults do).</summary>
        public AwsConnection OverlayOn(AwsConnection? fallback, string fallbackName)
        {
            if (fallback == null)
            {
                return this;
            }
            // Credentials come as a whole from one side: a profile name never meets the other side's profile file.
            // A secret key alone counts too: it is IncompleteCredentials, not silently replaced by the fallback's keys.
            var hasOwnCredentials = Credentials != null || AccessKey != null || SecretKey != null || ProfileName != null;
            return new AwsConnection
            {
                Region = Region ?? fallback.Region,
                EndpointUrl = RawEndpointUrl ?? fallback.RawEndpointUrl,
                ProfileName = hasOwnCredentials ? ProfileName : fallback.ProfileName,
                ProfileLocation = hasOwnCredentials ? ProfileLocation : fallback.ProfileLocation,
                AccessKey = hasOwnCredentials ? AccessKey : fallback.AccessKey,
                SecretKey = hasOwnCredentials ? SecretKey : fallback.SecretKey,
                SessionToken = hasOwnCredentials ? SessionToken : fallback.SessionToken,
                Credentials = hasOwnCredentials ? Credentials : fallback.Credentials,
                RegionFrom = Region != null ? RegionFrom : fallback.Region != null ? fallback.RegionFrom ?? fallbackName : null,
                EndpointFrom = RawEndpointUrl != null ? EndpointFrom : fallback.RawEndpointUrl != null ? fallback.EndpointFrom ?? fallbackName : null,
                CredentialsFrom = hasOwnCredentials ? CredentialsFrom
                    : fallback.Credentials != null || fallback.AccessKey != null || fallback.ProfileName != null ? fallback.CredentialsFrom ?? fallbackName : null,
            };
        }

        public bool Equals(AwsConnection? other) =>
            other != null
            && Region == other.Region && ProfileName == other.ProfileName && ProfileLocation == other.ProfileLocation
            && RawEndpointUrl == other.RawEndpointUrl && AccessKey == other.AccessKey && SecretKey == other.SecretKey
            && SessionToken == other.SessionToken && ReferenceEquals(Credentials, other.Credentials);

        public override bool Equals(object? obj) => Equals(obj as AwsConnection);

        public override int GetHashCode() =>
            ((Region?.GetHashCode() ?? 0) * 397) ^ (RawEndpointUrl?.GetHashCode() ?? 0) ^ (AccessKey?.GetHashCode() ?? 0) ^ (ProfileName?.GetHashCode() ?? 0);

        /// <summary>Safe to show: never includes a secret or session token.</summary>
        public override string ToString()
        {
            var who = AccessKey != null ? "access key " + MaskAccessKey(AccessKey)
                : ProfileName != null ? "profile " + ProfileName
                : Credentials != null ? "supplied credentials"
                : "default credentials";
            return $"region {Region ?? "(default)"}, endpoint {EndpointUrl ?? "(AWS)"}, {who}";
        }

        public static string MaskAccessKey(string accessKey) =>
            accessKey.Length <= 4 ? "****" : new string('*', accessKey.Length - 4) + accessKey.Substring(accessKey.Length - 4);

        internal static readonly Regex RegionPattern = new Regex(@"^[a-z]{2,4}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant);
    }
}
