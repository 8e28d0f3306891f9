namespace CancelJobs.Emulator.Services.IoT;

/// <summary>Test and tool access to IoT jobs, beside <see cref="EmulatorState.FindIoTExecution"/>.</summary>
public static class IoTJobLookup
{
    /// <summary>The job's record, or (for a job known only by its executions) the job as IoT would report it.</summary>
    public static IoTJob? FindIoTJob(this EmulatorState state, string jobId) =>
        state.Sections.Get<IoTJobSection>().Store.Find(jobId) ?? IoTService.ImplicitJob(state.IoTExecutions, jobId);
}
