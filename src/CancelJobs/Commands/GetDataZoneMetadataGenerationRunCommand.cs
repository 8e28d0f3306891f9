using System.Management.Automation;
using CancelJobs.Engine.DataZone;
using CancelJobs.Engine.Model;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets Amazon DataZone metadata generation runs: one by id (GetMetadataGenerationRun) or a list (ListMetadataGenerationRuns).</summary>
    [Cmdlet(VerbsCommon.Get, "DataZoneMetadataGenerationRun", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DataZoneMetadataGenerationRun))]
    public sealed class GetDataZoneMetadataGenerationRunCommand : GetJobCmdlet<DataZoneMetadataGenerationRunCriteria, DataZoneMetadataGenerationRun>
    {
        private const string ListSet = "List";
        private const string GetSet = "Get";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainId")]
        [Identifier]
        [ArgumentCompleter(typeof(ContainerCompleter))]
        public string DomainIdentifier { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = GetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "RunId")]
        [Identifier]
        public string Identifier { get; set; } = "";

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("SUBMITTED", "IN_PROGRESS", "CANCELED", "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("BUSINESS_DESCRIPTIONS", "BUSINESS_NAMES", "BUSINESS_GLOSSARY_ASSOCIATIONS", IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>Only runs for this asset.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Identifier]
        public string? TargetIdentifier { get; set; }

        protected override IJobReader<DataZoneMetadataGenerationRunCriteria, DataZoneMetadataGenerationRun> Reader => DataZoneMetadataGenerationRuns.Instance;

        protected override DataZoneMetadataGenerationRunCriteria CreateCriteria() => ParameterSetName == GetSet
            ? new DataZoneMetadataGenerationRunCriteria(DomainIdentifier) { Identifier = Identifier }
            : new DataZoneMetadataGenerationRunCriteria(DomainIdentifier) { Status = Status, Type = Type, TargetIdentifier = TargetIdentifier };
    }
}
