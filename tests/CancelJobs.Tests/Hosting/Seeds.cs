using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>Seed documents shared by the test classes.</summary>
    public static class Seeds
    {
        public static string Document(string service, IEnumerable<string> items) => "{\"" + service + "\":[" + string.Join(",", items) + "]}";

        public static string Number(int i) => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

        public static IEnumerable<int> Range(int count) => Enumerable.Range(0, count);

        /// <summary>Every <paramref name="every"/>-th item gets <paramref name="other"/>, the rest <paramref name="status"/>.</summary>
        public static string StatusFor(int i, string status, string other, int every = 3) => i % every == every - 1 ? other : status;

        /// <summary>A few jobs of each service in each interesting state.</summary>
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
