using System;
using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.TwinMaker
{
    /// <summary>A metadata transfer job as Get-TwinMakerTransferJob shows it (status and progress flattened).</summary>
    public sealed class TwinMakerTransferJob : JobRecord
    {
        public string MetadataTransferJobId { get; set; } = "";

        /// <summary>
        /// The workspace: from an iottwinmaker source or destination's workspace (GetMetadataTransferJob), or the
        /// workspace filter a list was read with; null when the service does not tell it (an unfiltered list).
        /// </summary>
        public string? WorkspaceId { get; set; }
        public string? Arn { get; set; }
        public string? Description { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        public int? QueuedPosition { get; set; }
        public int? TotalCount { get; set; }
        public int? SucceededCount { get; set; }
        public int? SkippedCount { get; set; }
        public int? FailedCount { get; set; }
        public string? ReportUrl { get; set; }
        public DateTimeOffset? CreationDateTime { get; set; }
        public DateTimeOffset? UpdateDateTime { get; set; }
    }
}
