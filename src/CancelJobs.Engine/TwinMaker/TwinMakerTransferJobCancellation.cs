using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

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
