using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.DataZone
{
    public sealed class DataZoneMetadataGenerationRunCancellation : JobCancellation
    {
        public string DomainIdentifier { get; set; } = "";
        public string Identifier { get; set; } = "";
    }
}
