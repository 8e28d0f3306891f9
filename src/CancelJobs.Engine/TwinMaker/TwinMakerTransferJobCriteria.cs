namespace CancelJobs.Engine.TwinMaker
{
    /// <summary>What Get-TwinMakerTransferJob asks for: one job by id, or a list narrowed by workspace, state and type pair.</summary>
    public sealed class TwinMakerTransferJobCriteria
    {
        /// <summary>Set for a get; the list filters below are then ignored.</summary>
        public string? MetadataTransferJobId { get; set; }

        public string? WorkspaceId { get; set; }
        public string? State { get; set; }

        /// <summary>Null: every type (paired with every other type).</summary>
        public string? SourceType { get; set; }

        /// <summary>Null: every type (paired with every other type).</summary>
        public string? DestinationType { get; set; }
    }
}
