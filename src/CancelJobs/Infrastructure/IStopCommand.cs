namespace CancelJobs.Infrastructure
{
    /// <summary>Implemented by every Stop-* command so binding can ask which service it cancels for.</summary>
    internal interface IStopCommand
    {
        string ServiceName { get; }

        /// <summary>Whether a job in <paramref name="status"/> can still be cancelled (neither final nor already cancelled).</summary>
        bool StillCancellable(string status);
    }
}
