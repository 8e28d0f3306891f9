using System;

namespace CancelJobs.Engine.Model
{
    /// <summary>-Wait could not read the job's state; the cancel itself was accepted.</summary>
    public sealed class WaitFailedException : Exception
    {
        public WaitFailedException(string target, Exception innerException)
            : base($"The cancel request for {target} was accepted, but reading its state while waiting failed.", innerException)
        {
            Target = target;
        }

        public string Target { get; }
    }
}
