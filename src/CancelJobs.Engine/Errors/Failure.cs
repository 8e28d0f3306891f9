using System;
using Amazon.Runtime;

namespace CancelJobs.Engine.Errors
{
    /// <summary>One classified failure: a stable ErrorId, its kind and a message a person can act on.</summary>
    public sealed class Failure
    {
        public Failure(string errorId, FailureKind kind, string message, Exception? exception = null)
        {
            ErrorId = errorId;
            Kind = kind;
            // Services echo requests back (InvalidSignature quotes the canonical request): never pass a secret on.
            Message = Connection.Secrets.Redact(message);
            Exception = Connection.Secrets.Scrub(exception);
        }

        public string ErrorId { get; }
        public FailureKind Kind { get; }
        public string Message { get; }
        public Exception? Exception { get; }

        /// <summary>
        /// What the service said in full (redacted), when the message keeps it short: written under -Debug only. An
        /// InvalidSignature answer quotes the canonical request and string to sign, which help nobody but a debugger.
        /// </summary>
        public string? Detail { get => detail; internal set => detail = value == null ? null : Connection.Secrets.Redact(value); }
        private string? detail;

        /// <summary>The job's state as read after the service refused the cancel, when it was read.</summary>
        public string? CurrentStatus { get; internal set; }

        /// <summary>The service's own error code, when the failure came from the service.</summary>
        public string? ServiceErrorCode => ServiceException?.ErrorCode;

        /// <summary>The service's request id (x-amzn-RequestId) of the last answer, when the failure came from the service.</summary>
        public string? ServiceRequestId => string.IsNullOrEmpty(ServiceException?.RequestId) ? null : ServiceException!.RequestId;

        /// <summary>The service's answer: the exception itself, or the last answer a wrapper (Throttled) carries.</summary>
        private AmazonServiceException? ServiceException => Exception as AmazonServiceException ?? Exception?.InnerException as AmazonServiceException;

        /// <summary>Failures that would repeat for every item (the caller stops once instead of failing N times).</summary>
        public bool DoomsEveryItem => Kind == FailureKind.AuthenticationFailed || ErrorId == ErrorIds.EndpointNotAws || ErrorId == ErrorIds.EndpointUnreachable;

        /// <summary>The same failure, its message saying which region it came from (one region of several in a command).</summary>
        public Failure InRegion(string region) =>
            new Failure(ErrorId, Kind, $"In {region}: {Message}", Exception) { detail = detail, CurrentStatus = CurrentStatus };

        public static Failure InvalidIdentifier(string message) => new Failure(ErrorIds.InvalidIdentifier, FailureKind.InvalidIdentifier, message);

        /// <summary>The target names a region other than the one the command sends to.</summary>
        public static Failure RegionMismatch(string message) => new Failure(ErrorIds.RegionMismatch, FailureKind.InvalidIdentifier, message);

        /// <summary>
        /// Nothing answered at the endpoint on any attempt, and nothing in this command has been answered: every other
        /// item would fail the same way, so the command stops once. <paramref name="origin"/> says where the endpoint came
        /// from; <paramref name="unknownRegion"/> is set when the name did not resolve for a region Core does not know.
        /// </summary>
        public static Failure EndpointUnreachable(string hostPort, string origin, string reason, int attempts, string? unknownRegion, string? nearestRegion, Exception? exception)
        {
            var message = $"Nothing answered at {hostPort} ({origin}): {reason} on {(attempts == 1 ? "the only attempt" : $"all {attempts} attempts")}, "
                + "and no request of this command has been answered, so nothing was cancelled and the rest was not sent.";
            if (unknownRegion != null)
            {
                message += $" The region '{unknownRegion}' is not one AWSSDK.Core knows" + (nearestRegion == null ? "." : $"; did you mean {nearestRegion}?") + $" Check {Mention.Region}, AWS_REGION and the profile's region.";
            }
            else
            {
                message += $" Check the endpoint ({Mention.EndpointUrl}, AWS_ENDPOINT_URL, the profile's endpoint_url), the network and any proxy.";
            }
            return new Failure(ErrorIds.EndpointUnreachable, FailureKind.ConnectionFailed, message, exception);
        }

        /// <summary>The target does not exist; <paramref name="serviceSaid"/> is the service's own code and message, if any.</summary>
        public static Failure NotFound(string target, string? serviceSaid = null, Exception? exception = null) =>
            new Failure(ErrorIds.JobNotFound, FailureKind.NotFound, $"{FailureClassifier.Capitalize(target)} was not found{(serviceSaid == null ? "" : " (" + serviceSaid + ")")}.", exception);
    }
}
