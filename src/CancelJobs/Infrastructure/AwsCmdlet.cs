using System;
using System.Management.Automation;
using System.Threading;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;

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

        /// <summary>The AWS region, e.g. us-east-1. Default: AWS_REGION, then the profile's region.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        public string? Region { get; set; }

        /// <summary>A profile in the shared credentials/config files.</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
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
        /// Kept for compatibility: both values mean the default, which adapts the request rate to what the service
        /// accepts and retries throttled requests until -ThrottleTimeout (Adaptive was the way to ask for that).
        /// </summary>
        [Parameter]
        [ValidateSet("Standard", "Adaptive")]
        public string? RetryMode { get; set; }

        /// <summary>
        /// The connection a listed object was read with; bound from Get-* output so Stop-* goes to the same place.
        /// Only a real connection object counts: a "Connection" column of a CSV or JSON row is ignored.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public object? Connection { get; set; }

        /// <summary>Signaled by Ctrl+C (StopProcessing) and when the command ends.</summary>
        protected CancellationToken StoppingToken => stopping.Token;

        protected override void BeginProcessing()
        {
            explicitConnection = BuildExplicitConnection();
            WriteVerbose($"Using {explicitConnection}.");
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>
        /// The client for this item's connection: parameters given here win over what the item carries. Null (with an
        /// error written for <paramref name="target"/>) when only this item's carried connection is unusable.
        /// </summary>
        protected AwsServiceClient? ClientFor(AwsService service, object? target, out AwsConnection connection)
        {
            var carried = (Connection is PSObject wrapped ? wrapped.BaseObject : Connection) as AwsConnection;
            connection = explicitConnection!.OverlayOn(carried);
            try
            {
                return (clients ??= new ClientFactory()).GetClient(service, connection);
            }
            catch (ConnectionException error) when (carried != null)
            {
                WriteError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidArgument, target));
                return null;
            }
            catch (ConnectionException error)
            {
                // The command's own connection: no item can succeed without a region, credentials or a usable endpoint.
                BeforeTerminating();
                ThrowTerminatingError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidArgument, null));
                throw;
            }
        }

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

        private AwsConnection BuildExplicitConnection()
        {
            string? accessKey = AccessKey, secretKey = SecretKey;
            object? credentials = null;
            switch (Credential is PSObject wrapped ? wrapped.BaseObject : Credential)
            {
                case null:
                    break;
                case PSCredential credential:
                    accessKey = credential.UserName;
                    secretKey = credential.GetNetworkCredential().Password;
                    break;
                case var other:
                    // An AWSCredentials object; the engine checks it when it builds the client.
                    credentials = other;
                    break;
            }
            return AwsConnection.FromParameters(Region, ProfileName, ProfileLocation, EndpointUrl, accessKey, secretKey, SessionToken, credentials, RetryMode);
        }
    }
}
