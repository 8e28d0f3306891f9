using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// The AWS parameters every command takes, named as AWS Tools for PowerShell names them, and one client per
    /// distinct connection for the whole invocation (not one per piped item).
    /// </summary>
    public abstract class AwsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private ClientFactory? clients;
        private AwsConnection? explicitConnection;
        private AwsConnection? sessionDefaults;
        private int pipelineThreadId;

        /// <summary>
        /// The AWS region, e.g. us-east-1. Default: the piped object's, $StoredAWSRegion, AWS_REGION, then the profile's.
        /// Several regions: Get-* lists each of them (concurrently); Stop-* sends each piped object to its own region.
        /// </summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        /// <summary>The distinct regions given with -Region, in the order given (empty when none).</summary>
        protected System.Collections.Generic.IReadOnlyList<string> RegionsAsked { get; private set; } = new string[0];

        /// <summary>A profile in the shared credentials/config files.</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>A credentials file other than the default ~/.aws/credentials.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        /// <summary>An AWSCredentials object, or a PSCredential whose user name is the access key and password the secret key.</summary>
        [Parameter]
        public object? Credential { get; set; }

        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK")]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>Send requests here exactly as given (no host prefix), e.g. the local emulator.</summary>
        [Parameter]
        [Alias("ServiceUrl", "EndpointUri")]
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// Kept so scripts that pass it still run; it changes nothing. Both values mean the one behaviour: the request
        /// rate adapts to what the service accepts, throttled requests are sent again until -ThrottleTimeout, and server
        /// and transport errors get Core's standard retries.
        /// </summary>
        [Parameter]
        [ValidateSet("Standard", "Adaptive")]
        public string? RetryMode { get; set; }

        /// <summary>
        /// The pipeline object as it arrived: errors name what the user sent, and a CancelJobs record brings the
        /// connection it was read with, so a piped command goes to the same place. Only our own records carry one; a
        /// "Connection" column of a CSV or JSON row is just a column.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Signaled by Ctrl+C (StopProcessing) and when the command ends.</summary>
        protected CancellationToken StoppingToken => stopping.Token;

        protected override void BeginProcessing()
        {
            pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
            // -Region is bound once, not per item: its distinct values are worked out here, not on every use.
            RegionsAsked = (Region ?? new string[0]).Where(region => !string.IsNullOrWhiteSpace(region)).Distinct(StringComparer.Ordinal).ToList();
            explicitConnection = BuildExplicitConnection();
            sessionDefaults = ReadSessionDefaults();
            MaskSecretParameters();
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>
        /// The client for this item's connection: parameters given here win over what the item carries. Null (with an
        /// error written for <paramref name="target"/>) when only this item's carried connection is unusable.
        /// </summary>
        protected AwsServiceClient? ClientFor(AwsService service, object? target, out AwsConnection connection, string? region = null)
        {
            var place = PlaceFor(service, target, out connection, region);
            if (place == null)
            {
                return null;
            }
            var resolved = connection;
            return Resolve(() => Clients.GetClient(service, resolved), target, resolved);
        }

        /// <summary>
        /// What the piped item says about where it goes, under the parameters: a Get-* object's own connection, or the
        /// region a row states in its Region column (Import-Csv of exported Get-* output). Null for a plain value.
        /// </summary>
        private AwsConnection? Carried =>
            InputObject?.BaseObject is JobRecord record ? record.Connection
            : ItemRegion.Stated(InputObject) is { } stated ? AwsConnection.StatedRegion(stated)
            : null;

        /// <summary>
        /// A step that resolves a connection. Its failure is this item's error when it comes from what the item carries (a
        /// Get-* object's connection; a row's own Region that is not a region name), and the command's terminating error
        /// when it is the command's own: no item can succeed without credentials or a usable endpoint, so a row that
        /// states only its region must not turn missing credentials into an error per row.
        /// </summary>
        private T? Resolve<T>(Func<T> step, object? target, AwsConnection resolving) where T : class
        {
            try
            {
                return step();
            }
            catch (ConnectionException error) when ((InputObject?.BaseObject as JobRecord)?.Connection != null
                || (error.ErrorId == ErrorIds.InvalidRegion && resolving.RegionFrom == AwsConnection.PipedRegionProperty))
            {
                WriteItemError(ErrorRecords.BeforeSending(error.Message, error.ErrorId, ErrorCategory.InvalidArgument, target, error));
                return null;
            }
            catch (ConnectionException error)
            {
                BeforeTerminating();
                ThrowTerminatingError(ErrorRecords.BeforeSending(error.Message, error.ErrorId, ErrorCategory.InvalidArgument, null, error));
                throw;
            }
        }

        /// <summary>
        /// Where this item's requests would go (region, endpoint, credentials kind, and where each came from), resolved
        /// locally: no STS, SSO or service call, so -WhatIf can apply every check that needs no network. Writes the
        /// -Verbose line once per distinct connection, and the plain-http warning once per command. Null (with an error
        /// written for <paramref name="target"/>) when only this item's carried connection is unusable; a terminating
        /// error when the command's own is.
        /// </summary>
        protected ConnectionPlace? PlaceFor(AwsService service, object? target, out AwsConnection connection, string? region = null)
        {
            var carried = Carried;
            // One of several -Region values, for this query or item: it stands in for -Region.
            connection = (region == null ? explicitConnection! : explicitConnection!.WithRegion(region)).OverlayOn(carried);
            if (sessionDefaults != null)
            {
                connection = connection.OverlayOn(sessionDefaults);
            }
            var resolved = connection;
            var place = Resolve(() => Clients.Locate(service, resolved), target, resolved);
            if (place == null)
            {
                return null;
            }
            if (described.Add((service, connection)))
            {
                WriteVerbose("Using " + place.Describe(service));
            }
            if (place.Unencrypted && !warnedUnencrypted)
            {
                warnedUnencrypted = true;
                WriteWarning($"The endpoint {Secrets.RedactUrl(ClientFactory.AsSent(place.Endpoint!))} (from {place.EndpointSource}) is plain http:// to another host: "
                    + "signed requests, credentials' session tokens and the answers travel unencrypted. Use https:// unless this network is trusted.");
            }
            return place;
        }

        private ClientFactory Clients => clients ??= new ClientFactory(PromptForMfaCode, Resend);

        /// <summary>How this command's clients send throttled requests again; read once, when the first client is built.</summary>
        protected virtual ResendPolicy Resend => ResendPolicy.Default;
        private readonly System.Collections.Generic.HashSet<(AwsService, AwsConnection)> described = new System.Collections.Generic.HashSet<(AwsService, AwsConnection)>();
        private bool warnedUnencrypted;

        /// <summary>A service's full answer that the error keeps short (a rejected signature's canonical request): -Debug only, redacted.</summary>
        protected void WriteDetail(Engine.Errors.Failure failure)
        {
            if (failure.Detail != null)
            {
                WriteDebug(failure.Detail);
            }
        }

        // Every line this module writes passes through the redactor: a secret it knows, or one under a secret's name,
        // never reaches a stream, whatever text around it (an echoed header, a JSON body, a URL) it came in. An engine
        // text's settings are named as the parameters that set them, whichever line it ends up in.
        protected new void WriteVerbose(string text) => base.WriteVerbose(Secrets.Redact(ParameterNames.Fill(text)));

        protected new void WriteDebug(string text) => base.WriteDebug(Secrets.Redact(ParameterNames.Fill(text)));

        protected new void WriteWarning(string text) => base.WriteWarning(Secrets.Redact(ParameterNames.Fill(text)));

        /// <summary>
        /// The code for an MFA device, asked through the host (PowerShell's own prompt). A host that cannot ask
        /// (-NonInteractive, a runbook) and a refresh on a worker thread mid-run give one clear error instead.
        /// </summary>
        private string PromptForMfaCode(string serial)
        {
            if (Thread.CurrentThread.ManagedThreadId != pipelineThreadId)
            {
                throw new ConnectionException(ErrorIds.MfaCodeRequired, $"The role's credentials expired mid-run and need a new code from the MFA device {serial}. Run the command again.");
            }
            try
            {
                var field = new FieldDescription("Code") { HelpMessage = "The current code shown by the MFA device " + serial };
                var answers = Host.UI.Prompt("MFA code required", $"Enter the code from the MFA device {serial}:", new Collection<FieldDescription> { field });
                var code = answers != null && answers.TryGetValue("Code", out var value) ? value?.BaseObject?.ToString() : null;
                if (!string.IsNullOrWhiteSpace(code))
                {
                    return code!.Trim();
                }
            }
            catch (Exception error) when (HostCannotPrompt(error))
            {
                // Falls through: this host cannot prompt.
            }
            throw new ConnectionException(ErrorIds.MfaCodeRequired,
                $"The role needs a code from the MFA device {serial}, and this session cannot ask for it (non-interactive). Run the command in an interactive session, "
                + $"or get temporary credentials first ('aws sts get-session-token --serial-number {serial} --token-code CODE') and pass them with -AccessKey, -SecretKey and -SessionToken.");
        }

        /// <summary>
        /// How hosts say they cannot ask: -NonInteractive and hosts without a UI throw these, and pwsh's console host
        /// reading a closed stdin (cron, CI, `pwsh -File s.ps1 &lt;/dev/null`) fails with a NullReferenceException.
        /// </summary>
        protected internal static bool HostCannotPrompt(Exception error) =>
            error is InvalidOperationException || error is HostException || error is NotImplementedException
            || error is NotSupportedException || error is NullReferenceException;

        /// <summary>Writes one item's error; Stop-* queues it so it comes out in input order.</summary>
        protected virtual void WriteItemError(ErrorRecord record) => WriteError(record);

        /// <summary>Called on the pipeline thread just before a terminating error ends the command.</summary>
        protected virtual void BeforeTerminating()
        {
        }

        /// <summary>True when -WhatIf is in effect, given here or inherited through $WhatIfPreference.</summary>
        protected bool WhatIfInEffect =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? ((SwitchParameter)whatIf).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        protected bool ConfirmGivenExplicitly => MyInvocation.BoundParameters.ContainsKey("Confirm");

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                stopping.Cancel();
                clients?.Dispose();
                stopping.Dispose();
            }
        }

        /// <summary>
        /// Every error record carries this invocation's bound parameters (InvocationInfo.BoundParameters), and $Error,
        /// ConvertTo-Json and Export-Clixml show them. Once the connection holds the secrets, the record keeps masks.
        /// </summary>
        private void MaskSecretParameters()
        {
            var bound = MyInvocation.BoundParameters;
            foreach (var name in new[] { nameof(SecretKey), nameof(SessionToken) })
            {
                if (bound.ContainsKey(name))
                {
                    bound[name] = Secrets.Mask;
                }
            }
            if (EndpointUrl != null && bound.ContainsKey(nameof(EndpointUrl)))
            {
                bound[nameof(EndpointUrl)] = Secrets.Redact(EndpointUrl);
            }
        }

        /// <summary>
        /// AWS Tools for PowerShell's session defaults: $StoredAWSRegion (a region name, set by Set-DefaultAWSRegion or
        /// Initialize-AWSDefaultConfiguration) and $StoredAWSCredentials (set by Set-AWSCredential). As in AWS Tools, they
        /// apply after this command's parameters (and a piped object's connection) and before the environment and the
        /// shared files; values of other types are ignored, as AWS Tools ignores them.
        /// </summary>
        private AwsConnection? ReadSessionDefaults()
        {
            var region = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")) as string;
            var credentials = StoredCredentials(Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")));
            if (string.IsNullOrEmpty(region) && credentials == null)
            {
                return null;
            }
            return AwsConnection.SessionDefaults(string.IsNullOrEmpty(region) ? null : region, credentials);
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>
        /// The AWSCredentials in $StoredAWSCredentials. AWS Tools keeps them in a wrapper (AWSPSCredentials) whose
        /// credentials property is not public, so it is found by its type, as AWS Tools itself reads it across its modules;
        /// a bare AWSCredentials object is taken as it is. Neither type is ours (AWS Tools' own AWSSDK.Core): matched by name.
        /// </summary>
        internal static object? StoredCredentials(object? value)
        {
            if (value == null)
            {
                return null;
            }
            if (IsAwsCredentials(value.GetType()))
            {
                return value;
            }
            foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
            {
                if (property.GetIndexParameters().Length == 0 && IsAwsCredentials(property.PropertyType))
                {
                    return property.GetValue(value);
                }
            }
            return null;
        }

        private static bool IsAwsCredentials(Type? type)
        {
            for (; type != null; type = type.BaseType)
            {
                if (type.FullName == "Amazon.Runtime.AWSCredentials")
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// What -Credential holds: a PSCredential gives the key pair (over -AccessKey/-SecretKey); anything else is an
        /// AWSCredentials object, which the engine checks when it builds the client.
        /// </summary>
        internal static (string? AccessKey, string? SecretKey, object? Credentials) SplitCredential(object? credential, string? accessKey, string? secretKey) =>
            (credential is PSObject wrapped ? wrapped.BaseObject : credential) switch
            {
                null => (accessKey, secretKey, null),
                PSCredential pair => (pair.UserName, pair.GetNetworkCredential().Password, null),
                var other => (accessKey, secretKey, other),
            };

        private AwsConnection BuildExplicitConnection()
        {
            var (accessKey, secretKey, credentials) = SplitCredential(Credential, AccessKey, SecretKey);
            var regions = RegionsAsked;
            return AwsConnection.FromParameters(regions.Count == 1 ? regions[0] : null, ProfileName, ProfileLocation, EndpointUrl, accessKey, secretKey, SessionToken, credentials);
        }
    }
}
