using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.DataZone
{
    /// <summary>Amazon DataZone metadata generation runs on the wire: the cancel workflow (IJobService) and Get-DataZoneMetadataGenerationRun's reads (IJobReader).</summary>
    public sealed class DataZoneMetadataGenerationRuns : IJobReader<DataZoneMetadataGenerationRunCriteria, DataZoneMetadataGenerationRun>, IJobService<DataZoneMetadataGenerationRunTarget, DataZoneMetadataGenerationRunCancellation>
    {
        public static readonly DataZoneMetadataGenerationRuns Instance = new DataZoneMetadataGenerationRuns();

        public static readonly string[] Statuses = { "SUBMITTED", "IN_PROGRESS", "CANCELED", "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED" };
        public static readonly string[] RunTypes = { "BUSINESS_DESCRIPTIONS", "BUSINESS_NAMES", "BUSINESS_GLOSSARY_ASSOCIATIONS" };
        public int MaxPageSize => 50;

        public int MinPageSize => 1;

        private static readonly HashSet<string> Terminal = new HashSet<string> { "CANCELED", "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED" };

        public AwsService Service => AwsService.DataZone;

        public IReadOnlyList<string> Validate(DataZoneMetadataGenerationRunTarget target) => IdentifierRules.Collect(
            IdentifierRules.DataZoneDomainId.Check("DomainIdentifier", target.DomainIdentifier),
            IdentifierRules.DataZoneRunId.Check("Identifier", target.Identifier));

        public string Describe(DataZoneMetadataGenerationRunTarget target) => $"DataZone metadata generation run {target.Identifier} in domain {target.DomainIdentifier}";

        public ApiRequest CancelRequest(DataZoneMetadataGenerationRunTarget target) =>
            ApiRequest.Rest("CancelMetadataGenerationRun", "POST", "/v2/domains/{domainIdentifier}/metadata-generation-runs/{identifier}/cancel")
                .WithPath("domainIdentifier", target.DomainIdentifier)
                .WithPath("identifier", target.Identifier);

        // The response is empty: a successful cancel leaves the run CANCELED.
        public DataZoneMetadataGenerationRunCancellation ReadCancellation(DataZoneMetadataGenerationRunTarget target, ApiResponse response, DateTime answeredAt) =>
            new DataZoneMetadataGenerationRunCancellation
            {
                DomainIdentifier = target.DomainIdentifier,
                Identifier = target.Identifier,
                Status = "CANCELED",
                RequestTime = answeredAt,
            };

        public ApiRequest StatusRequest(DataZoneMetadataGenerationRunTarget target) => GetRequest(target.DomainIdentifier, target.Identifier);

        public string? ReadStatus(DataZoneMetadataGenerationRunTarget target, ApiResponse response) => response.Body.String("status");

        public bool IsTerminal(string status) => Terminal.Contains(status);

        public IReadOnlyCollection<string> CancelledStates { get; } = new HashSet<string> { "CANCELED" };

        public ApiRequest GetRequest(string domainIdentifier, string identifier) =>
            ApiRequest.Rest("GetMetadataGenerationRun", "GET", "/v2/domains/{domainIdentifier}/metadata-generation-runs/{identifier}")
                .WithPath("domainIdentifier", domainIdentifier)
                .WithPath("identifier", identifier)
                .Expecting(GetAnswer);

        // What the answers must hold (the cancel's is empty), so an answer in another shape is never read as one.
        private static readonly ResponseShape GetAnswer = ResponseShape.Of("domainId:string*", "id:string*", "status:string");

        private static readonly ResponseShape ListAnswer = ResponseShape.Of("items:array", "nextToken:string");

        public ApiRequest ListRequest(string domainIdentifier, string? status, string? type, string? targetIdentifier, string? nextToken, int maxResults) =>
            ApiRequest.Rest("ListMetadataGenerationRuns", "GET", "/v2/domains/{domainIdentifier}/metadata-generation-runs")
                .WithPath("domainIdentifier", domainIdentifier)
                .WithQuery("status", status)
                .WithQuery("type", type)
                .WithQuery("targetIdentifier", targetIdentifier)
                .WithPage(nextToken, maxResults)
                .Expecting(ListAnswer);

        public DataZoneMetadataGenerationRun ReadRun(JsonElement run)
        {
            var target = run.Object("target");
            return new DataZoneMetadataGenerationRun
            {
                DomainIdentifier = run.String("domainId") ?? "",
                Identifier = run.String("id") ?? "",
                Status = run.String("status"),
                Type = run.String("type"),
                Types = run.Strings("types"),
                TargetType = target.String("type"),
                TargetIdentifier = target.String("identifier"),
                TargetRevision = target.String("revision"),
                OwningProjectId = run.String("owningProjectId"),
                CreatedBy = run.String("createdBy"),
                CreatedAt = run.EpochTime("createdAt"),
            };
        }

        public Page<DataZoneMetadataGenerationRun> ReadListPage(ApiResponse response) =>
            new Page<DataZoneMetadataGenerationRun>(response.Body.Array("items").Select(ReadRun).ToList(), response.Body.String("nextToken"));

        // Get-*: which queries answer the criteria.

        public IReadOnlyList<string> Validate(DataZoneMetadataGenerationRunCriteria criteria) => IdentifierRules.Collect(
            IdentifierRules.DataZoneDomainId.Check("DomainIdentifier", criteria.DomainIdentifier),
            criteria.Identifier == null ? null : IdentifierRules.DataZoneRunId.Check("Identifier", criteria.Identifier),
            criteria.TargetIdentifier == null ? null : IdentifierRules.DataZoneEntityId.Check("TargetIdentifier", criteria.TargetIdentifier));

        public IReadOnlyList<JobQuery<DataZoneMetadataGenerationRun>> Queries(DataZoneMetadataGenerationRunCriteria criteria)
        {
            var domain = criteria.DomainIdentifier;
            var id = criteria.Identifier;
            if (id != null)
            {
                return new[]
                {
                    JobQuery<DataZoneMetadataGenerationRun>.Get($"DataZone metadata generation run {id} in domain {domain}", id,
                        GetRequest(domain, id), response => ReadRun(response.Body)),
                };
            }
            var status = criteria.Status?.ToUpperInvariant();
            var type = criteria.Type?.ToUpperInvariant();
            var target = criteria.TargetIdentifier;
            return new[]
            {
                JobQuery<DataZoneMetadataGenerationRun>.List($"DataZone metadata generation runs in domain {domain}", $"DataZone domain {domain}", domain,
                    (token, size) => ListRequest(domain, status, type, target, token, size), ReadListPage),
            };
        }
    }
}
