using System;

namespace CancelJobs.Engine.Model
{
    /// <summary>The service refused the cancel because of the job's state; <see cref="CurrentStatus"/> is that state when it could be read.</summary>
    public sealed class JobStateConflictException : Exception
    {
        public JobStateConflictException(string? currentStatus, Exception refusal) : base(refusal.Message, refusal)
        {
            CurrentStatus = currentStatus;
        }

        public string? CurrentStatus { get; }
    }
}
