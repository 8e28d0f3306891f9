using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.Dms
{
    public sealed class DmsMetadataModelConversionCancellation : JobCancellation
    {
        public string MigrationProjectIdentifier { get; set; } = "";
        public string RequestIdentifier { get; set; } = "";
        public string? MigrationProjectArn { get; set; }
        public double? ProgressPercent { get; set; }
    }
}
