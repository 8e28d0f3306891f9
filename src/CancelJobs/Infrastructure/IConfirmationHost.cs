using System.Management.Automation;

namespace CancelJobs.Infrastructure
{
    /// <summary>The three things <see cref="StopConfirmation"/> needs from its cmdlet (Cmdlet's own public methods).</summary>
    internal interface IConfirmationHost
    {
        bool ShouldProcess(string target, string action);

        bool ShouldContinue(string query, string caption, ref bool yesToAll, ref bool noToAll);

        void ThrowTerminatingError(ErrorRecord errorRecord);
    }
}
