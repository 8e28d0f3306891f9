namespace CancelJobs.Engine.Errors
{
    /// <summary>What went wrong, independent of PowerShell; the cmdlets map each kind to an ErrorCategory.</summary>
    public enum FailureKind
    {
        NotFound,
        InvalidState,
        VersionConflict,
        AccessDenied,
        AuthenticationFailed,
        Throttled,
        InvalidIdentifier,
        ServiceValidation,
        ServiceUnavailable,
        ConnectionFailed,
        Timeout,
        Canceled,
        Unknown,
    }
}
