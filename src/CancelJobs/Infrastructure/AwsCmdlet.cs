using System;
using System.Management.Automation;
using System.Threading;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;
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

        /// <summary>The AWS region, e.g. us-east-1. Default: AWS_REGION, then the profile's region.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

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

        /// <summary>Core's retry mode: Standard (default) or Adaptive, which also slows down when throttled.</summary>
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
            var carried = (InputObject?.BaseObject as JobRecord)?.Connection;
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
                ThrowTerminatingError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidArgument, null));
                throw;
            }
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
