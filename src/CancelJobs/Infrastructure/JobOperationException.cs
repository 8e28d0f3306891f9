using System;

namespace CancelJobs.Infrastructure
{
    /// <summary>The exception inside a CancelJobs error record: the actionable message, the service's error code, the original cause.</summary>
    public sealed class JobOperationException : Exception
    {
        public JobOperationException(string message, string? serviceErrorCode, Exception? innerException) : base(message, innerException)
        {
            ServiceErrorCode = serviceErrorCode;
        }

        public string? ServiceErrorCode { get; }
    }
}
