using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// One operation call described as data: the operation name, its HTTP binding and its members.
    /// The marshaller turns it into the service's wire protocol.
    /// </summary>
    public sealed class ApiRequest : AmazonWebServiceRequest
    {
        private ApiRequest(string operation, string httpMethod, string path)
        {
            Operation = operation;
            HttpMethod = httpMethod;
            PathTemplate = path;
        }

        public string Operation { get; }
        public string HttpMethod { get; }

        /// <summary>rest-json path with {placeholders}; "/" for json 1.1.</summary>
        public string PathTemplate { get; }

        public IDictionary<string, string> PathValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public IDictionary<string, string> Query { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The JSON body, or null for none.</summary>
        public byte[]? Body { get; private set; }

        /// <summary>Attempts Core made for this call, retries included (counted by the client's pipeline).</summary>
        public int Attempts => AttemptCount;

        internal int AttemptCount;

        /// <summary>Throttled answers this call received (each was sent again after the rate controller's wait).</summary>
        public int Throttles => ThrottleCount;

        internal int ThrottleCount;

        /// <summary>The operation's rate controller; every attempt waits for it (set by the client).</summary>
        internal Bulk.AdaptiveRateController? RateController;

        /// <summary>When the latest attempt was let through, on the controller's clock.</summary>
        internal double LastSentAt;

        /// <summary>This call's place in the controller's queue: a resend after a throttle goes before later calls.</summary>
        internal readonly Bulk.QueuePlace RatePlace = new Bulk.QueuePlace();

        /// <summary>Attempts that got no answer (connection reset, timeout) and were retried: the service may have acted on them.</summary>
        public int UnansweredAttempts => UnansweredCount;

        internal int UnansweredCount;

        /// <summary>Set when Core's retry capacity refused a retry of this call.</summary>
        internal volatile bool RetryCapacityExhausted;

        /// <summary>
        /// Where this call stands on the wire now: whether any attempt reached the service, which is what a report of an
        /// unfinished run must tell apart (set where each attempt is handed to HTTP and where its answer arrives).
        /// </summary>
        public WireState Wire => (WireState)Volatile.Read(ref wireState);

        internal int wireState;

        /// <summary>An attempt reached the service and got no answer (lost, cut off, or abandoned on the wire): it may have acted.</summary>
        public bool MayHaveActed => Volatile.Read(ref mayHaveActed) != 0;

        internal int mayHaveActed;

        /// <summary>Attempts that never reached the service: the name did not resolve, the connection was refused, TLS failed.</summary>
        public int UnconnectedAttempts => UnconnectedCount;

        internal int UnconnectedCount;

        /// <summary>Attempts that got an answer of any kind from the endpoint (success, error, throttle).</summary>
        public int AnsweredAttempts => AnsweredCount;

        internal int AnsweredCount;

        /// <summary>The call got its success answer (it may still be being read).</summary>
        public bool Succeeded => Volatile.Read(ref succeeded) != 0;

        internal int succeeded;

        /// <summary>host:port the latest attempt was sent to, for messages about an endpoint nobody answers.</summary>
        public string? SentTo { get; internal set; }

        /// <summary>
        /// At most this many attempts in all, throttled resends included (null: no limit beyond -ThrottleTimeout and
        /// Core's retries). A follow-up read uses it, so "read once" never turns into minutes of resending.
        /// </summary>
        public int? AttemptLimit { get; set; }

        /// <summary>What the latest attempt ended in, when it failed.</summary>
        internal Exception? LastError;

        public static ApiRequest Rest(string operation, string httpMethod, string pathTemplate) =>
            new ApiRequest(operation, httpMethod, pathTemplate);

        public static ApiRequest Json(string operation) => new ApiRequest(operation, "POST", "/");

        public ApiRequest WithPath(string name, string value)
        {
            PathValues[name] = value;
            return this;
        }

        /// <summary>The shape its answer must have (see <see cref="ResponseShape"/>); null: any JSON object.</summary>
        public ResponseShape? Expected { get; private set; }

        public ApiRequest Expecting(ResponseShape shape)
        {
            Expected = shape;
            return this;
        }

        public ApiRequest WithQuery(string name, string? value)
        {
            if (value != null)
            {
                Query[name] = value;
            }
            return this;
        }

        /// <summary>rest-json paging: the page size and, after the first page, the service's token.</summary>
        public ApiRequest WithPage(string? nextToken, int maxResults) =>
            WithQuery("maxResults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithQuery("nextToken", nextToken);

        public ApiRequest WithBody(Action<Utf8JsonWriter> writeMembers)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writeMembers(writer);
                    writer.WriteEndObject();
                }
                Body = buffer.ToArray();
            }
            return this;
        }

        /// <summary>The concrete path, for messages and logs (identifiers are shown as given, not encoded).</summary>
        public string DescribePath()
        {
            var path = PathTemplate;
            foreach (var pair in PathValues)
            {
                path = path.Replace("{" + pair.Key + "}", pair.Value);
            }
            return path;
        }
    }
}
