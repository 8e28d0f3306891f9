using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.Runtime;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Errors
{
    /// <summary>What went wrong, independent of PowerShell; the cmdlets map each kind to an ErrorCategory.</summary>
    public enum FailureKind
    {
        NotFound,
        InvalidState,
        VersionConflict,
        AccessDenied,
        AuthenticationFailed,
        Throttled,
        InvalidIdentifier,
        ServiceValidation,
        ServiceUnavailable,
        ConnectionFailed,
        Timeout,
        Canceled,
        Unknown,
    }

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

    /// <summary>Maps service error codes and transport exceptions to failures. One table for all four services.</summary>
    public static class FailureClassifier
    {
        public static Failure Classify(Exception exception, string target)
        {
            switch (Unwrap(exception))
            {
                case NotAwsAnswerException notAwsAnswer:
                    return new Failure(ErrorIds.EndpointNotAws, FailureKind.ConnectionFailed,
                        $"The endpoint answered {notAwsAnswer.Operation} for {target} with HTTP {(int)notAwsAnswer.StatusCode}, but {notAwsAnswer.Why}, so it is probably not the AWS service "
                        + $"and nothing it said is taken as a result: the endpoint may be wrong. Check {Mention.EndpointUrl} and AWS_ENDPOINT_URL.", notAwsAnswer);
                case Model.OutcomeUnknownException unknown:
                    return new Failure(ErrorIds.OutcomeUnknown, FailureKind.ConnectionFailed, unknown.Message, unknown);
                case AttemptLimitException limited when limited.InnerException != null:
                    var last = Classify(limited.InnerException, target);
                    return new Failure(last.ErrorId, last.Kind, last.Message + " " + limited.Message, limited.InnerException);
                case AmazonServiceException notAws when IsNotFromAws(notAws):
                    return new Failure(ErrorIds.EndpointNotAws, FailureKind.ConnectionFailed,
                        $"The endpoint answered HTTP {(int)notAws.StatusCode} ({notAws.StatusCode}) for {target} without an AWS request id or error code, so it is probably not the AWS service: the endpoint may be wrong. Check {Mention.EndpointUrl} and AWS_ENDPOINT_URL.", notAws);
                case Aws.CredentialsRejectedException rejected when rejected.InnerException is AmazonServiceException answer:
                    return CredentialsRejected(answer, rejected.AccessKeyId);
                case AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode):
                    return FromServiceError(service, target);
                case ThrottledException throttled:
                    // Only a throttled cancel means "not cancelled"; a throttled read (a -Wait poll, a Get-*) changed nothing.
                    var notThrough = throttled.Operation.StartsWith("Cancel", StringComparison.Ordinal)
                        ? $"{Capitalize(target)} was not cancelled: the service kept throttling it"
                        : $"{throttled.Operation} for {target} did not get through: the service kept throttling it";
                    return new Failure(ErrorIds.Throttled, FailureKind.Throttled,
                        $"{notThrough} for {throttled.TriedFor.TotalSeconds:0.#} s ({throttled.Throttles} throttled attempts)"
                        + (throttled.AllowedRate.HasValue ? $", while it allowed about {throttled.AllowedRate.Value:0.##} requests/s" : "")
                        + $". Run it again later, or raise {Mention.ThrottleTimeout}.", throttled);
                case RetryCapacityExhaustedException exhausted when exhausted.InnerException != null:
                    var underlying = Classify(exhausted.InnerException, target);
                    return new Failure(underlying.ErrorId, underlying.Kind, underlying.Message + " " + exhausted.Message, exhausted.InnerException);
                case Model.JobStateConflictException conflict when conflict.InnerException != null:
                    var refused = Classify(conflict.InnerException, target);
                    // A service that refuses by state with a general code (IoT CancelJob's InvalidRequestException) is a state conflict all the same.
                    return new Failure(refused.Kind == FailureKind.InvalidState ? refused.ErrorId : ErrorIds.InvalidJobState, FailureKind.InvalidState,
                        (refused.Kind == FailureKind.InvalidState ? refused.Message : $"{Capitalize(target)} cannot be cancelled in its current state ({conflict.InnerException.Message}).")
                        + (conflict.CurrentStatus == null ? "" : $" Its state is {conflict.CurrentStatus}."), conflict.InnerException)
                    { CurrentStatus = conflict.CurrentStatus };
                case Model.WaitTimeoutException waited:
                    return new Failure(ErrorIds.WaitTimeout, FailureKind.Timeout, waited.Message, waited);
                case Model.WaitFailedException waitFailed when waitFailed.InnerException != null:
                    // Its own ErrorId: the cancel was accepted, so this must not read as a failed cancel (Throttled, NotFound…).
                    var cause = Classify(waitFailed.InnerException, waitFailed.Target);
                    return new Failure(ErrorIds.WaitFailed, cause.Kind, waitFailed.Message + " " + cause.Message, waitFailed.InnerException);
                case OperationCanceledException canceled:
                    return new Failure(ErrorIds.OperationCanceled, FailureKind.Canceled, $"The request for {target} was cancelled before it completed.", canceled);
                case TimeoutException timeout:
                    return new Failure(ErrorIds.OperationTimeout, FailureKind.Timeout, $"The request for {target} timed out: {timeout.Message}", timeout);
                case HttpRequestException http:
                    return new Failure(ErrorIds.ConnectionFailed, FailureKind.ConnectionFailed, $"Could not reach the service for {target}: {Innermost(http).Message}", http);
                case WebException web:
                    return new Failure(ErrorIds.ConnectionFailed, FailureKind.ConnectionFailed, $"Could not reach the service for {target}: {web.Message}", web);
                case System.IO.IOException io:
                    // A connection dropped mid-request (reset, closed) after Core's retries.
                    return new Failure(ErrorIds.ConnectionFailed, FailureKind.ConnectionFailed, $"The connection to the service failed for {target}: {Innermost(io).Message}", io);
                case AmazonServiceException service:
                    return new Failure(ErrorIds.ServiceError, FailureKind.ServiceUnavailable, $"The service failed for {target} with HTTP {(int)service.StatusCode}: {service.Message}", service);
                case AmazonClientException client when client.InnerException is HttpRequestException http:
                    return new Failure(ErrorIds.ConnectionFailed, FailureKind.ConnectionFailed, $"Could not reach the service for {target}: {Innermost(http).Message}", client);
                case var other:
                    return new Failure(ErrorIds.UnexpectedError, FailureKind.Unknown, $"{target}: {other.Message}", other);
            }
        }

        /// <summary>
        /// Why an attempt never reached the service (the name did not resolve, the connection was refused, TLS failed),
        /// or null when it did or may have. Read from the exception types, never their text.
        /// </summary>
        public static string? NeverConnected(Exception exception)
        {
            for (var cause = (Exception?)exception; cause != null; cause = cause.InnerException)
            {
                switch (cause)
                {
                    case System.Net.Sockets.SocketException socket:
                        switch (socket.SocketErrorCode)
                        {
                            case System.Net.Sockets.SocketError.HostNotFound:
                            case System.Net.Sockets.SocketError.TryAgain:
                            case System.Net.Sockets.SocketError.NoData:
                            case System.Net.Sockets.SocketError.NoRecovery:
                                return NameNotResolved;
                            case System.Net.Sockets.SocketError.ConnectionRefused:
                                return "the connection was refused";
                            case System.Net.Sockets.SocketError.HostUnreachable:
                            case System.Net.Sockets.SocketError.NetworkUnreachable:
                            case System.Net.Sockets.SocketError.AddressNotAvailable:
                                return "the host is unreachable";
                        }
                        return null;
                    case System.Security.Authentication.AuthenticationException _:
                        return "the TLS handshake failed";
                }
            }
            return null;
        }

        /// <summary>The reason <see cref="NeverConnected"/> gives for a DNS failure.</summary>
        public const string NameNotResolved = "its name did not resolve";

        /// <summary>
        /// Every AWS answer names its request (x-amzn-RequestId); an error with no request id and no code of its own
        /// (none, or only the HTTP status: the unmarshaller's fallback when the body names none) came from something
        /// else: a web server, a proxy, a wrong -EndpointUrl. Also when it answered 200 with a page that is not JSON.
        /// </summary>
        private static bool IsNotFromAws(AmazonServiceException error) =>
            string.IsNullOrEmpty(error.RequestId) && (string.IsNullOrEmpty(error.ErrorCode) || error.ErrorCode == error.StatusCode.ToString());

        private static Failure FromServiceError(AmazonServiceException error, string target)
        {
            var said = $"{error.ErrorCode}: {error.Message}";
            if (CredentialsRejectedException.IsRejection(error))
            {
                // The one list of codes that reject the credentials (the client wraps them; a state read's last answer may not be).
                return CredentialsRejected(error, null);
            }
            if (ThrottleErrors.IsThrottle(error))
            {
                // Reached when a request with an attempt limit (the state read after a conflict) ends on a throttle: the
                // resend loop turns every other throttle into a ThrottledException.
                return new Failure(ErrorIds.Throttled, FailureKind.Throttled, $"{Capitalize(target)} was throttled ({said}).", error);
            }
            switch (error.ErrorCode)
            {
                case "ResourceNotFoundException":
                case "ResourceNotFoundFault":
                    return Failure.NotFound(target, said, error);
                case "InvalidStateTransitionException":
                case "ConflictException":
                case "InvalidResourceStateFault":
                    return new Failure(ErrorIds.InvalidJobState, FailureKind.InvalidState, $"{Capitalize(target)} cannot be cancelled in its current state ({said}).", error);
                case "VersionConflictException":
                    return new Failure(ErrorIds.VersionConflict, FailureKind.VersionConflict, $"{Capitalize(target)} has changed since the expected version; read it again and retry ({said}).", error);
                case "AccessDeniedException":
                case "AccessDeniedFault":
                case "UnauthorizedException":
                    return new Failure(ErrorIds.AccessDenied, FailureKind.AccessDenied, $"Access denied to {target}; check the IAM permissions of the credentials in use ({said}).", error);
                case "ValidationException" when error.Message.IndexOf("cannot be canceled", StringComparison.OrdinalIgnoreCase) >= 0:
                    // DataZone reports an already finished run as a ValidationException (the API's own example).
                    return new Failure(ErrorIds.InvalidJobState, FailureKind.InvalidState, $"{Capitalize(target)} cannot be cancelled in its current state ({said}).", error);
                case "ValidationException":
                case "InvalidRequestException":
                case "InvalidParameterValueException":
                case "InvalidParameterCombinationException":
                case "SerializationException":
                    return new Failure(ErrorIds.ServiceValidation, FailureKind.ServiceValidation, $"The service rejected the request for {target} ({said}).", error);
            }

            if ((int)error.StatusCode >= 500 || error.ErrorCode == "ServiceUnavailableException" || error.ErrorCode == "InternalFailure")
            {
                return new Failure(ErrorIds.ServiceUnavailable, FailureKind.ServiceUnavailable, $"The service failed for {target} after all retries ({said}).", error);
            }
            return new Failure(ErrorIds.ServiceError, FailureKind.Unknown, $"The service refused {target} ({said}).", error);
        }

        /// <summary>
        /// Short: the code, the access key id, the likely causes. The service's full answer (the canonical request an
        /// InvalidSignature quotes) is only the failure's <see cref="Failure.Detail"/>, for -Debug; the error record's
        /// inner exception keeps the code, status and request id without it.
        /// </summary>
        private static Failure CredentialsRejected(AmazonServiceException error, string? accessKeyId)
        {
            var code = error.ErrorCode;
            var key = string.IsNullOrEmpty(accessKeyId) ? "" : $" for access key {accessKeyId}";
            var causes = code switch
            {
                "ExpiredTokenException" => "the session token has expired; get new temporary credentials (sign in again)",
                "UnrecognizedClientException" or "InvalidClientTokenId" => "the access key id does not exist in this account or partition, or the session token does not belong to it",
                "MissingAuthenticationTokenException" => "the request reached an endpoint that does not know this operation, or was not signed",
                // A regional endpoint refuses a signature scoped to another region: the region, not the keys, is wrong.
                _ when error.Message?.IndexOf("scoped to a valid region", StringComparison.OrdinalIgnoreCase) >= 0 =>
                    $"the endpoint does not serve the region the request was signed for ({Mention.Region}, or the region's endpoint in {Mention.EndpointUrl})",
                _ => "a wrong secret key for this access key id, a session token that belongs to other keys, or this computer's clock off by more than 5 minutes",
            };
            var shortAnswer = new AmazonServiceException($"{code} (the service's full answer is written to the debug stream)", null, error.ErrorType, code, error.RequestId, error.StatusCode);
            return new Failure(ErrorIds.AuthenticationFailed, FailureKind.AuthenticationFailed,
                $"The service rejected the credentials ({code}){key}. Likely cause: {causes}. Check {Mention.AccessKey}/{Mention.SecretKey}/{Mention.SessionToken}, {Mention.ProfileName} or the default credential chain.",
                shortAnswer)
            { Detail = $"{code}: {error.Message}" };
        }

        private static Exception Unwrap(Exception exception)
        {
            while ((exception is AggregateException) && exception.InnerException != null)
            {
                exception = exception.InnerException;
            }
            // Core wraps what our unmarshaller throws in its own unmarshalling exception.
            return exception is AmazonServiceException && NotAwsAnswerException.In(exception) is { } notAws ? notAws : exception;
        }

        private static Exception Innermost(Exception exception)
        {
            while (exception.InnerException != null)
            {
                exception = exception.InnerException;
            }
            return exception;
        }

        internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    }
}
