using System.Collections.Generic;

namespace CancelJobs.Engine.Model
{
    /// <summary>
    /// A service whose cancel refuses a job in the wrong state with an error code that also means a bad request (IoT
    /// CancelJob's InvalidRequestException: the operation models no state-conflict error). After such a refusal the
    /// job's state is read once: a cancelled state is a result (AlreadyCancelled), a terminal one a state conflict
    /// (InvalidJobState), anything else leaves the error as it was.
    /// </summary>
    public interface IRefusesByState
    {
        IReadOnlyCollection<string> StateRefusalCodes { get; }
    }
}
