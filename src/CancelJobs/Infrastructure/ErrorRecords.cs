using System;
using System.Management.Automation;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Infrastructure
{
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Failure failure, object? targetObject, string? advice = null, string? serviceRequestId = null, int attempts = 0)
        {
            // Identifiers (and whatever a service echoes back) are shown escaped: a newline in a value cannot forge a log line.
            var message = Secrets.Redact(IdentifierText.Escape(ParameterNames.Fill(advice == null ? failure.Message : failure.Message + " " + advice)));
            var exception = new JobOperationException(message, failure.ServiceErrorCode, failure.Exception, serviceRequestId ?? failure.ServiceRequestId, attempts);
            return new ErrorRecord(exception, failure.ErrorId, CategoryOf(failure.Kind), targetObject);
        }

        /// <summary>
        /// An error raised before any request was sent (bad input, no credentials, a prompt nobody can answer). It has the
        /// same exception type as every other CancelJobs error, so scripts read ServiceRequestId (null) and Attempts (0)
        /// on all of them.
        /// </summary>
        public static ErrorRecord BeforeSending(string message, string errorId, ErrorCategory category, object? targetObject, Exception? cause = null) =>
            new ErrorRecord(new JobOperationException(Secrets.Redact(IdentifierText.Escape(ParameterNames.Fill(message))), null, Secrets.Scrub(Filled(cause))), errorId, category, targetObject);

        /// <summary>The engine's connection error as the inner exception, with the settings it mentions named as parameters too.</summary>
        private static Exception? Filled(Exception? cause) =>
            cause is ConnectionException connection && ParameterNames.Fill(connection.Message) is var filled && filled != connection.Message
                ? new ConnectionException(connection.ErrorId, filled, connection.InnerException)
                : cause;

        public static ErrorCategory CategoryOf(FailureKind kind)
        {
            switch (kind)
            {
                case FailureKind.NotFound: return ErrorCategory.ObjectNotFound;
                case FailureKind.InvalidState: return ErrorCategory.InvalidOperation;
                case FailureKind.VersionConflict: return ErrorCategory.InvalidOperation;
                case FailureKind.AccessDenied: return ErrorCategory.PermissionDenied;
                case FailureKind.AuthenticationFailed: return ErrorCategory.AuthenticationError;
                case FailureKind.Throttled: return ErrorCategory.LimitsExceeded;
                case FailureKind.InvalidIdentifier: return ErrorCategory.InvalidArgument;
                case FailureKind.ServiceValidation: return ErrorCategory.InvalidArgument;
                case FailureKind.ServiceUnavailable: return ErrorCategory.ResourceUnavailable;
                case FailureKind.ConnectionFailed: return ErrorCategory.ConnectionError;
                case FailureKind.Timeout: return ErrorCategory.OperationTimeout;
                case FailureKind.Canceled: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
