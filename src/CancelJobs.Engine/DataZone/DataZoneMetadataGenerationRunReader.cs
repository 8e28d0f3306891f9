using System.Collections.Generic;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.DataZone
{
    /// <summary>Get-DataZoneMetadataGenerationRun's reads: GetMetadataGenerationRun by id, else ListMetadataGenerationRuns.</summary>
    public sealed class DataZoneMetadataGenerationRunReader : IJobReader<DataZoneMetadataGenerationRunCriteria, DataZoneMetadataGenerationRun>
    {
        public static readonly DataZoneMetadataGenerationRunReader Instance = new DataZoneMetadataGenerationRunReader();

        private static readonly DataZoneMetadataGenerationRuns Runs = DataZoneMetadataGenerationRuns.Instance;

        public AwsService Service => AwsService.DataZone;

        public int MaxPageSize => DataZoneMetadataGenerationRuns.MaxPageSize;

        public int MinPageSize => 1;

        public IReadOnlyList<string> Validate(DataZoneMetadataGenerationRunCriteria criteria) => IdentifierRules.Collect(
            IdentifierRules.DataZoneDomainId.Check("DomainIdentifier", criteria.DomainIdentifier),
            criteria.Identifier == null ? null : IdentifierRules.DataZoneRunId.Check("Identifier", criteria.Identifier),
            criteria.TargetIdentifier != null && criteria.TargetIdentifier.Length == 0 ? "TargetIdentifier is empty." : null);

        public IReadOnlyList<JobQuery<DataZoneMetadataGenerationRun>> Queries(DataZoneMetadataGenerationRunCriteria criteria)
        {
            var domain = criteria.DomainIdentifier;
            var id = criteria.Identifier;
            if (id != null)
            {
                return new[]
                {
                    JobQuery<DataZoneMetadataGenerationRun>.Get($"DataZone metadata generation run {id} in domain {domain}", id,
                        Runs.GetRequest(domain, id), response => Runs.ReadRun(response.Body)),
                };
            }
            var status = criteria.Status?.ToUpperInvariant();
            var type = criteria.Type?.ToUpperInvariant();
            var target = criteria.TargetIdentifier;
            return new[]
            {
                JobQuery<DataZoneMetadataGenerationRun>.List($"DataZone metadata generation runs in domain {domain}", $"DataZone domain {domain}", domain,
                    (token, size) => Runs.ListRequest(domain, status, type, target, token, size), Runs.ReadListPage),
            };
        }
    }
}
