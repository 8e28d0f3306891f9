namespace CancelJobs.Engine.Bulk
{
    /// <summary>What became of an item whose outcome was not written, in the order the report counts them.</summary>
    public enum UnwrittenKind
    {
        Done,
        SentAnswerUnknown,
        ThrottledWaiting,
        NotSent,
    }
}
