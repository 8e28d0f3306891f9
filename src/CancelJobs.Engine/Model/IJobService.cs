using System;
using System.Collections.Generic;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Model
{
    /// <summary>
    /// One service's cancel workflow as data: how to validate and describe a target, which request cancels it,
    /// how to read the answer, and how to poll its state for -Wait. The engine runs all four the same way.
    /// </summary>
    public interface IJobService<TTarget, TCancellation> where TCancellation : JobCancellation
    {
        AwsService Service { get; }

        /// <summary>Problems with the target's identifiers per the model; empty when it may be sent.</summary>
        IReadOnlyList<string> Validate(TTarget target);

        /// <summary>A phrase naming the target for prompts and messages, e.g. "IoT job execution fw-7 on thing s-1".</summary>
        string Describe(TTarget target);

        ApiRequest CancelRequest(TTarget target);

        /// <summary>The result for a cancel that succeeded; services with empty responses report the requested state.</summary>
        TCancellation ReadCancellation(TTarget target, ApiResponse response, DateTime answeredAt);

        ApiRequest StatusRequest(TTarget target);

        string? ReadStatus(TTarget target, ApiResponse response);

        bool IsTerminal(string status);

        /// <summary>States in which a cancel has already been accepted: cancelling again is not a failure.</summary>
        IReadOnlyCollection<string> CancelledStates { get; }
    }
}
