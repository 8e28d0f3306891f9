namespace CancelJobs.Engine.Aws
{
    /// <summary>Where a call stands on the wire.</summary>
    public enum WireState
    {
        /// <summary>No attempt handed to HTTP yet (waiting for the rate controller or credentials), or the last one could not connect.</summary>
        NotSent,

        /// <summary>An attempt is on the wire, its answer not yet read.</summary>
        AwaitingAnswer,

        /// <summary>The latest attempt was answered (success or an error the service sent).</summary>
        Answered,

        /// <summary>The latest attempt reached the service and its answer was lost (reset, timeout) or abandoned.</summary>
        AnswerLost,
    }
}
