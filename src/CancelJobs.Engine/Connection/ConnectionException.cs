using System;

namespace CancelJobs.Engine.Connection
{
    /// <summary>A setup problem that dooms every request (no region, no credentials, a bad endpoint URL). Never carries a secret.</summary>
    public sealed class ConnectionException : Exception
    {
        public ConnectionException(string errorId, string message, Exception? innerException = null) : base(Secrets.Redact(message), Secrets.Scrub(innerException))
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }
}
