using System;
using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.TwinMaker
{
    public sealed class TwinMakerTransferJobCancellation : JobCancellation
    {
        public string MetadataTransferJobId { get; set; } = "";
        public string? Arn { get; set; }
        public DateTimeOffset? UpdateDateTime { get; set; }
        public int? TotalCount { get; set; }
        public int? SucceededCount { get; set; }
        public int? FailedCount { get; set; }
    }
}
