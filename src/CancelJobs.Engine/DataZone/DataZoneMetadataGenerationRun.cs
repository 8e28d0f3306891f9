using System;
using CancelJobs.Engine.Model;

namespace CancelJobs.Engine.DataZone
{
    /// <summary>A metadata generation run; DomainIdentifier/Identifier are the keys Stop-DataZoneMetadataGenerationRun binds.</summary>
    public sealed class DataZoneMetadataGenerationRun : JobRecord
    {
        public string DomainIdentifier { get; set; } = "";
        public string Identifier { get; set; } = "";
        public string? Type { get; set; }
        public string[]? Types { get; set; }
        public string? TargetType { get; set; }
        public string? TargetIdentifier { get; set; }
        public string? TargetRevision { get; set; }
        public string? OwningProjectId { get; set; }
        public string? CreatedBy { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
    }
}
