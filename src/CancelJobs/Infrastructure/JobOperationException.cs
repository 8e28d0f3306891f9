using System;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// The exception inside a CancelJobs error record: the actionable message, the service's error code, the original
    /// cause, and for the audit trail the service's request id (x-amzn-RequestId) and how many attempts were sent.
    /// </summary>
    public sealed class JobOperationException : Exception
    {
        public JobOperationException(string message, string? serviceErrorCode, Exception? innerException, string? serviceRequestId = null, int attempts = 0)
            : base(message, innerException)
        {
            ServiceErrorCode = serviceErrorCode;
            ServiceRequestId = serviceRequestId;
            Attempts = attempts;
        }

        public string? ServiceErrorCode { get; }

        /// <summary>The request id the service answered with, to match CloudTrail and support cases; null when none answered.</summary>
        public string? ServiceRequestId { get; }

        /// <summary>HTTP attempts made for the cancel request, retries included; 0 when nothing was sent.</summary>
        public int Attempts { get; }
    }
}
