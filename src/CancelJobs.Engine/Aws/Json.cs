using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CancelJobs.Engine.Aws
{
    /// <summary>Tolerant reads of response members: a member that is absent or null reads as null.</summary>
    internal static class Json
    {
        public static JsonElement? Member(this JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : (JsonElement?)null;

        public static string? String(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public static long? Long(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : (long?)null;

        public static int? Int(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : (int?)null;

        public static double? Double(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : (double?)null;

        public static bool? Bool(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False) ? value.GetBoolean() : (bool?)null;

        /// <summary>rest-json timestamps are epoch seconds (possibly fractional); returned as UTC.</summary>
        public static DateTimeOffset? EpochTime(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Number
                ? new DateTimeOffset(new DateTime(1970, 1, 1).AddTicks((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerSecond)), TimeSpan.Zero)
                : (DateTimeOffset?)null;

        public static JsonElement Object(this JsonElement element, string name) =>
            element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Object ? value : default;

        public static IEnumerable<JsonElement> Array(this JsonElement element, string name)
        {
            if (element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    yield return item;
                }
            }
        }

        public static string[] Strings(this JsonElement element, string name)
        {
            var list = new List<string>();
            foreach (var item in element.Array(name))
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }
            return list.ToArray();
        }

        public static Dictionary<string, string> StringMap(this JsonElement element, string name)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (element.Member(name) is JsonElement value && value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject())
                {
                    map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.ToString();
                }
            }
            return map;
        }
    }
}
