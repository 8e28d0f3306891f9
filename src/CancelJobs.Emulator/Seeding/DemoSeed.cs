using System.Linq;
using CancelJobs.Emulator.Services.DataZone;
using CancelJobs.Emulator.Services.Dms;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Services.TwinMaker;

namespace CancelJobs.Emulator.Seeding;

/// <summary>A small, realistic mix of jobs in every state that matters, for demos and manual testing.</summary>
internal static class DemoSeed
{
    public static SeedDocument Build() => new()
    {
        TwinMaker =
        [
            TwinMaker("mtj-assembly-line-01", "factory-twin", "RUNNING", "s3", "Assembly line asset models from S3"),
            TwinMaker("mtj-assembly-line-02", "factory-twin", "PENDING", "s3", "Paint shop asset models"),
            TwinMaker("mtj-assembly-line-03", "factory-twin", "VALIDATING", "iotsitewise", "SiteWise hierarchy import"),
            TwinMaker("mtj-assembly-line-04", "factory-twin", "COMPLETED", "s3", "Initial import"),
            TwinMaker("mtj-assembly-line-05", "factory-twin", "ERROR", "iotsitewise", "Broken SiteWise export"),
            TwinMaker("mtj-assembly-line-06", "factory-twin", "CANCELLED", "s3", "Superseded import"),
            TwinMaker("mtj-warehouse-01", "warehouse-twin", "RUNNING", "s3", "Warehouse racks"),
        ],
        Iot =
        [
            .. Enumerable.Range(1, 8).Select(n => new IoTSeed
            {
                JobId = "fw-rollout-7",
                ThingName = $"sensor-{n:000}",
                Status = n switch { <= 3 => "QUEUED", <= 6 => "IN_PROGRESS", _ => "SUCCEEDED" },
                VersionNumber = n switch { <= 3 => 1, <= 6 => 2, _ => 3 },
            }),
            new IoTSeed { JobId = "cert-rotation-2", ThingName = "gateway-01", Status = "QUEUED" },
            new IoTSeed { JobId = "cert-rotation-2", ThingName = "gateway-02", Status = "FAILED", VersionNumber = 3 },
        ],
        Dms =
        [
            Dms("conv-hr-schema", "IN_PROGRESS"),
            Dms("conv-sales-schema", "RECEIVED"),
            Dms("conv-finance-schema", "SUCCESS"),
            Dms("conv-legacy-schema", "FAILED"),
            Dms("conv-archive-schema", "CANCELED"),
        ],
        DataZone =
        [
            DataZone("mgr_orders_desc", "IN_PROGRESS", "BUSINESS_DESCRIPTIONS", "asset-orders"),
            DataZone("mgr_customers_names", "SUBMITTED", "BUSINESS_NAMES", "asset-customers"),
            DataZone("mgr_products_desc", "SUCCEEDED", "BUSINESS_DESCRIPTIONS", "asset-products"),
            DataZone("mgr_returns_desc", "FAILED", "BUSINESS_DESCRIPTIONS", "asset-returns"),
            DataZone("mgr_inventory_gloss", "PARTIALLY_SUCCEEDED", "BUSINESS_GLOSSARY_ASSOCIATIONS", "asset-inventory"),
            DataZone("mgr_legacy_desc", "CANCELED", "BUSINESS_DESCRIPTIONS", "asset-legacy"),
        ],
    };

    private static TwinMakerSeed TwinMaker(string id, string workspace, string state, string source, string description) =>
        new() { Id = id, WorkspaceId = workspace, State = state, SourceType = source, DestinationType = "iottwinmaker", Description = description };

    private static DmsSeed Dms(string requestId, string status) =>
        new() { MigrationProject = "legacy-oracle-to-aurora", RequestIdentifier = requestId, Status = status };

    private static DataZoneSeed DataZone(string id, string status, string type, string target) =>
        new() { DomainId = "dzd_sales01", Id = id, Status = status, Type = type, OwningProjectId = "prj_sales_analytics", TargetIdentifier = target };
}
