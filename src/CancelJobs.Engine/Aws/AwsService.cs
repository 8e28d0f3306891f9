namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// What distinguishes one AWS service from another on the wire. The four services differ only in this
    /// data, so one client class serves them all.
    /// </summary>
    public sealed class AwsService
    {
        private AwsService(string name, string serviceId, string signingName, string endpointPrefix, string apiVersion,
            WireProtocol protocol, string? jsonTargetPrefix = null, string? hostPrefix = null, bool dualStackOnly = false)
        {
            Name = name;
            ServiceId = serviceId;
            SigningName = signingName;
            EndpointPrefix = endpointPrefix;
            ApiVersion = apiVersion;
            Protocol = protocol;
            JsonTargetPrefix = jsonTargetPrefix;
            HostPrefix = hostPrefix;
            DualStackOnly = dualStackOnly;
        }

        /// <summary>Short name used in messages and the user agent.</summary>
        public string Name { get; }

        /// <summary>The SDK service id; Core keys AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt; and profile sections on it.</summary>
        public string ServiceId { get; }

        public string SigningName { get; }
        public string EndpointPrefix { get; }
        public string ApiVersion { get; }
        public WireProtocol Protocol { get; }

        /// <summary>json 1.1 only: the X-Amz-Target prefix, e.g. AmazonDMSv20160101.</summary>
        public string? JsonTargetPrefix { get; }

        /// <summary>Host prefix the model puts on operations (TwinMaker's <c>api.</c>); never applied to custom endpoints.</summary>
        public string? HostPrefix { get; }

        /// <summary>DataZone's default endpoints live on the dual-stack suffix (<c>api.aws</c>).</summary>
        public bool DualStackOnly { get; }

        public static readonly AwsService TwinMaker = new AwsService(
            "IoTTwinMaker", "IoTTwinMaker", "iottwinmaker", "iottwinmaker", "2021-11-29", WireProtocol.RestJson, hostPrefix: "api.");

        public static readonly AwsService IoT = new AwsService(
            "IoT", "IoT", "iot", "iot", "2015-05-28", WireProtocol.RestJson);

        public static readonly AwsService Dms = new AwsService(
            "DatabaseMigrationService", "Database Migration Service", "dms", "dms", "2016-01-01", WireProtocol.Json11,
            jsonTargetPrefix: "AmazonDMSv20160101");

        public static readonly AwsService DataZone = new AwsService(
            "DataZone", "DataZone", "datazone", "datazone", "2018-05-10", WireProtocol.RestJson, dualStackOnly: true);

        public override string ToString() => Name;

        internal static string AssemblyVersion { get; } = typeof(AwsService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
