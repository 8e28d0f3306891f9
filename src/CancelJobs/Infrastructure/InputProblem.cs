namespace CancelJobs.Infrastructure
{
    /// <summary>A piped item or parameter value that cannot be sent: its ErrorId and a message naming what was wrong.</summary>
    internal sealed class InputProblem
    {
        public InputProblem(string errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string ErrorId { get; }
        public string Message { get; }
    }
}
