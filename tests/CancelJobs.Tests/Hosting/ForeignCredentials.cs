namespace Amazon.Runtime
{
    /// <summary>
    /// A stand-in for an AWSCredentials of another AWSSDK.Core (AWS Tools'): the module matches it by type name and reads it
    /// by reflection. Compiled here rather than with Add-Type, because once the module has loaded its own AWSSDK.Core a
    /// script's [Amazon.Runtime.AWSCredentials] no longer names a single type.
    /// </summary>
    public class AWSCredentials
    {
        private readonly string key;
        private readonly string secret;

        public AWSCredentials(string key, string secret)
        {
            this.key = key;
            this.secret = secret;
        }

        /// <summary>Key "expired" throws, as stored SSO or role credentials whose session ended do.</summary>
        public virtual CancelJobs.Tests.Hosting.ForeignImmutableCredentials GetCredentials() =>
            key == "expired" ? throw new System.InvalidOperationException("The SSO session token has expired.") : new CancelJobs.Tests.Hosting.ForeignImmutableCredentials(key, secret);
    }
}

namespace CancelJobs.Tests.Hosting
{
    public sealed class ForeignImmutableCredentials
    {
        public ForeignImmutableCredentials(string accessKey, string secretKey)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
        }

        public string AccessKey { get; }
        public string SecretKey { get; }
        public string? Token => null;
    }

    /// <summary>What a script calls: [CancelJobs.Tests.Hosting.ForeignCredentials]::Create('AKID…', 'secret').</summary>
    public static class ForeignCredentials
    {
        public static object Create(string key, string secret) => new Amazon.Runtime.AWSCredentials(key, secret);
    }
}
