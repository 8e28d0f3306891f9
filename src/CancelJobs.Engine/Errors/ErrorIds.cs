using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace CancelJobs.Engine.Errors
{
    /// <summary>
    /// Every ErrorId the module writes, in one list: they are public (scripts match FullyQualifiedErrorId on them), so none
    /// is ever renamed. README, help and about_CancelJobs document each one (ErrorIdDocumentationTests checks both ways).
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>The job (or the parent a list names) does not exist.</summary>
        public const string JobNotFound = nameof(JobNotFound);
        /// <summary>The service refused the cancel in the job's current state.</summary>
        public const string InvalidJobState = nameof(InvalidJobState);
        /// <summary>IoT -ExpectedVersion no longer matches.</summary>
        public const string VersionConflict = nameof(VersionConflict);
        /// <summary>The credentials may not call the operation.</summary>
        public const string AccessDenied = nameof(AccessDenied);
        /// <summary>The service rejected the signature or key (dooms every item).</summary>
        public const string AuthenticationFailed = nameof(AuthenticationFailed);
        /// <summary>The service kept throttling past -ThrottleTimeout.</summary>
        public const string Throttled = nameof(Throttled);
        /// <summary>An identifier breaks the model's rules; nothing was sent.</summary>
        public const string InvalidIdentifier = nameof(InvalidIdentifier);
        /// <summary>A thing ARN (or a piped object) of another region than the command sends to; nothing was sent.</summary>
        public const string RegionMismatch = nameof(RegionMismatch);
        /// <summary>The service rejected the request as invalid.</summary>
        public const string ServiceValidation = nameof(ServiceValidation);
        /// <summary>A server error after all retries.</summary>
        public const string ServiceUnavailable = nameof(ServiceUnavailable);
        /// <summary>Any other service error.</summary>
        public const string ServiceError = nameof(ServiceError);
        /// <summary>The endpoint's answer is not an AWS answer (dooms every item).</summary>
        public const string EndpointNotAws = nameof(EndpointNotAws);
        /// <summary>No attempt reached the endpoint and nothing was answered (dooms every item).</summary>
        public const string EndpointUnreachable = nameof(EndpointUnreachable);
        /// <summary>A cancel's answer was lost and the state could not be read.</summary>
        public const string OutcomeUnknown = nameof(OutcomeUnknown);
        /// <summary>The connection failed after Core's retries.</summary>
        public const string ConnectionFailed = nameof(ConnectionFailed);
        /// <summary>A request timed out.</summary>
        public const string OperationTimeout = nameof(OperationTimeout);
        /// <summary>A request was cancelled before it completed.</summary>
        public const string OperationCanceled = nameof(OperationCanceled);
        /// <summary>-Wait's -Timeout passed before a terminal state.</summary>
        public const string WaitTimeout = nameof(WaitTimeout);
        /// <summary>The cancel was accepted, then polling failed.</summary>
        public const string WaitFailed = nameof(WaitFailed);
        /// <summary>Anything not classified.</summary>
        public const string UnexpectedError = nameof(UnexpectedError);
        /// <summary>No region from any source.</summary>
        public const string NoRegion = nameof(NoRegion);
        /// <summary>A region name that is not one.</summary>
        public const string InvalidRegion = nameof(InvalidRegion);
        /// <summary>An endpoint URL that is more than scheme, host, port and path.</summary>
        public const string InvalidEndpointUrl = nameof(InvalidEndpointUrl);
        /// <summary>A named profile that is in neither shared file.</summary>
        public const string ProfileNotFound = nameof(ProfileNotFound);
        /// <summary>An access key without its secret key, or the reverse.</summary>
        public const string IncompleteCredentials = nameof(IncompleteCredentials);
        /// <summary>No credentials from any source.</summary>
        public const string NoCredentials = nameof(NoCredentials);
        /// <summary>An MFA profile in a session that cannot ask for the code.</summary>
        public const string MfaCodeRequired = nameof(MfaCodeRequired);
        /// <summary>A sign-in assembly of the module could not be loaded.</summary>
        public const string CredentialSourceUnavailable = nameof(CredentialSourceUnavailable);
        /// <summary>The IAM Identity Center login is missing, expired or refused.</summary>
        public const string SsoLoginRequired = nameof(SsoLoginRequired);
        /// <summary>A credential source (role, web identity, process, container) failed.</summary>
        public const string CredentialSourceFailed = nameof(CredentialSourceFailed);
        /// <summary>-Credential of a type that holds no AWS credentials.</summary>
        public const string InvalidCredentialType = nameof(InvalidCredentialType);
        /// <summary>A piped value or identifier of a type that cannot be one (array, object, script block).</summary>
        public const string InvalidInputType = nameof(InvalidInputType);
        /// <summary>A piped item that lacks an identifier the command needs.</summary>
        public const string MissingIdentifier = nameof(MissingIdentifier);
        /// <summary>A piped record, result or row of another service.</summary>
        public const string CrossServiceInput = nameof(CrossServiceInput);
        /// <summary>A piped item whose names could mean several services, or that names two values for one parameter.</summary>
        public const string AmbiguousInput = nameof(AmbiguousInput);
        /// <summary>Stop-IoTJobExecution -StatusDetail that is not a map of scalars.</summary>
        public const string InvalidStatusDetail = nameof(InvalidStatusDetail);
        /// <summary>-CancelInProgress in a session that cannot prompt, without -Force.</summary>
        public const string ConfirmationRequired = nameof(ConfirmationRequired);
        /// <summary>Get-* -PageSize outside the service's bounds.</summary>
        public const string InvalidPageSize = nameof(InvalidPageSize);
        /// <summary>Get-IoTJobExecution with neither -JobId nor -ThingName.</summary>
        public const string JobIdOrThingNameRequired = nameof(JobIdOrThingNameRequired);
        /// <summary>-Timeout without -Wait; nothing was sent.</summary>
        public const string TimeoutWithoutWait = nameof(TimeoutWithoutWait);
        /// <summary>A plain identifier given with several -Region values; nothing was sent.</summary>
        public const string AmbiguousRegion = nameof(AmbiguousRegion);

        /// <summary>All of the above.</summary>
        public static IReadOnlyCollection<string> All { get; } = typeof(ErrorIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();
    }
}
