namespace CancelJobs.Tests.Hosting
{
    /// <summary>Seed documents shared by the test classes: a few jobs of each service in each interesting state.</summary>
    public static class Seeds
    {
        public const string AllServices = """
            {"twinMaker":[
               {"id":"tm-run-1","workspaceId":"factory-twin","state":"RUNNING"},
               {"id":"tm-run-2","workspaceId":"factory-twin","state":"PENDING"},
               {"id":"tm-done","workspaceId":"factory-twin","state":"COMPLETED"}],
             "iot":[
               {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
               {"jobId":"fw-7","thingName":"sensor-2","status":"QUEUED"},
               {"jobId":"fw-7","thingName":"sensor-3","status":"IN_PROGRESS"}],
             "dms":[
               {"migrationProject":"legacy-oracle","requestIdentifier":"req-1","status":"IN_PROGRESS"},
               {"migrationProject":"legacy-oracle","requestIdentifier":"req-2","status":"RECEIVED"},
               {"migrationProject":"legacy-oracle","requestIdentifier":"req-done","status":"SUCCESS"}],
             "dataZone":[
               {"domainId":"dzd_sales01","id":"run-1","status":"IN_PROGRESS"},
               {"domainId":"dzd_sales01","id":"run-2","status":"SUBMITTED"},
               {"domainId":"dzd_sales01","id":"run-done","status":"SUCCEEDED"}]}
            """;
    }
}
