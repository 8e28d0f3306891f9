using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CancelJobs.Emulator.Protocol;

/// <summary>
/// Typed reads of a JSON request body. A body that is not JSON, or a member of the wrong JSON type,
/// raises the service's malformed-input error instead of ever surfacing as a 500.
/// </summary>
internal readonly struct JsonInput
{
    private readonly JsonElement element;
    private readonly ErrorShape malformed;

    private JsonInput(JsonElement element, ErrorShape malformed)
    {
        this.element = element;
        this.malformed = malformed;
    }

    public static JsonInput Parse(byte[] body, ErrorShape malformed)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return new JsonInput(JsonDocument.Parse("{}").RootElement, malformed);
        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object
                ? new JsonInput(root, malformed)
                : throw malformed.With("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw malformed.With($"Unable to parse the request body as JSON: {ex.Message}");
        }
    }

    public string? String(string name) =>
        Member(name, JsonValueKind.String, "string") is { } value ? value.GetString() : null;

    public long? Long(string name)
    {
        if (Member(name, JsonValueKind.Number, "number") is not { } value) return null;
        return value.TryGetInt64(out long parsed) ? parsed : throw malformed.With($"Member '{name}' must be an integer.");
    }

    public JsonInput? Object(string name) =>
        Member(name, JsonValueKind.Object, "object") is { } value ? new JsonInput(value, malformed) : null;

    public IReadOnlyList<JsonInput>? Objects(string name)
    {
        if (Member(name, JsonValueKind.Array, "array") is not { } array) return null;
        var items = new List<JsonInput>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw malformed.With($"Items of '{name}' must be objects.");
            items.Add(new JsonInput(item, malformed));
        }
        return items;
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Member(name, JsonValueKind.Array, "array") is not { } array) return null;
        var items = new List<string>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw malformed.With($"Items of '{name}' must be strings.");
            items.Add(item.GetString()!);
        }
        return items;
    }

    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        if (Member(name, JsonValueKind.Object, "object") is not { } map) return null;
        var entries = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (JsonProperty property in map.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw malformed.With($"Values of '{name}' must be strings.");
            entries[property.Name] = property.Value.GetString()!;
        }
        return entries;
    }

    /// <summary>Names of the members that are present and not null (for unions).</summary>
    public IReadOnlyList<string> PresentMembers() =>
        element.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => p.Name).ToList();

    private JsonElement? Member(string name, JsonValueKind kind, string kindName)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == kind ? value : throw malformed.With($"Member '{name}' must be a JSON {kindName}.");
    }
}
