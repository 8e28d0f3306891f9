using System;

namespace CancelJobs.Engine.Aws
{
    /// <summary>A call with an <see cref="ApiRequest.AttemptLimit"/> used every attempt it had; the last failure is the inner exception.</summary>
    public sealed class AttemptLimitException : Exception
    {
        public AttemptLimitException(string operation, int attempts, Exception? lastError)
            : base($"{operation} got no usable answer in {attempts} attempt(s).", lastError)
        {
            Operation = operation;
            Attempts = attempts;
        }

        public string Operation { get; }
        public int Attempts { get; }
    }
}
