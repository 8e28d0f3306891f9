namespace CancelJobs.Engine.Bulk
{
    /// <summary>One request's place in <see cref="AdaptiveRateController"/>'s queue, kept across its resends so they go before later requests.</summary>
    public sealed class QueuePlace
    {
        internal long Ticket = -1;
    }
}
