using System.Collections.Generic;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.DataZone;
using CancelJobs.Engine.Validation;
using CancelJobs.Infrastructure;

namespace CancelJobs.Commands
{
    /// <summary>Gets Amazon DataZone metadata generation runs: one by id (GetMetadataGenerationRun) or a list (ListMetadataGenerationRuns).</summary>
    [Cmdlet(VerbsCommon.Get, "DataZoneMetadataGenerationRun", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(DataZoneMetadataGenerationRun))]
    public sealed class GetDataZoneMetadataGenerationRunCommand : GetJobCmdlet<DataZoneMetadataGenerationRun>
    {
        private const string ListSet = "List";
        private const string GetSet = "Get";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainId")]
        public string DomainIdentifier { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = GetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "RunId")]
        public string Identifier { get; set; } = "";

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("SUBMITTED", "IN_PROGRESS", "CANCELED", "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("BUSINESS_DESCRIPTIONS", "BUSINESS_NAMES", "BUSINESS_GLOSSARY_ASSOCIATIONS", IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>Only runs for this asset.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? TargetIdentifier { get; set; }

        protected override AwsService Service => AwsService.DataZone;

        protected override int MaxPageSize => DataZoneMetadataGenerationRuns.MaxPageSize;

        protected override IReadOnlyList<string> Validate() => IdentifierRules.Collect(
            IdentifierRules.DataZoneDomainId.Check("DomainIdentifier", DomainIdentifier),
            ParameterSetName == GetSet ? IdentifierRules.DataZoneRunId.Check("Identifier", Identifier) : null,
            TargetIdentifier != null && TargetIdentifier.Length == 0 ? "TargetIdentifier is empty." : null);

        protected override IEnumerable<JobQuery<DataZoneMetadataGenerationRun>> CreateQueries()
        {
            var runs = DataZoneMetadataGenerationRuns.Instance;
            var domain = DomainIdentifier;
            if (ParameterSetName == GetSet)
            {
                var id = Identifier;
                yield return JobQuery<DataZoneMetadataGenerationRun>.Get($"DataZone metadata generation run {id} in domain {domain}", id,
                    runs.GetRequest(domain, id), response => runs.ReadRun(response.Body));
                yield break;
            }
            var status = Status?.ToUpperInvariant();
            var type = Type?.ToUpperInvariant();
            var target = TargetIdentifier;
            yield return JobQuery<DataZoneMetadataGenerationRun>.List($"DataZone metadata generation runs in domain {domain}", domain,
                (token, size) => runs.ListRequest(domain, status, type, target, token, size), runs.ReadListPage);
        }
    }
}
