using System;
using System.Collections.Generic;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Services;

/// <summary>
/// Thread-safe keyed store that keeps insertion (seed) order for stable paging. Items are immutable
/// records: an update swaps in a new record, so readers always hold a consistent snapshot.
/// </summary>
internal sealed class OrderedStore<TKey, TItem>(Func<TItem, TKey> keyOf, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TItem : class
{
    private readonly object gate = new();
    private readonly Dictionary<TKey, int> positions = new(comparer);
    private readonly List<TItem> items = [];

    public int Count
    {
        get { lock (gate) return items.Count; }
    }

    /// <summary>Adds items, replacing (in place) any with the same key.</summary>
    public void Upsert(IEnumerable<TItem> newItems)
    {
        lock (gate)
        {
            foreach (TItem item in newItems)
            {
                TKey key = keyOf(item);
                if (positions.TryGetValue(key, out int position))
                {
                    items[position] = item;
                }
                else
                {
                    positions[key] = items.Count;
                    items.Add(item);
                }
            }
        }
    }

    public TItem? Find(TKey key)
    {
        lock (gate) return positions.TryGetValue(key, out int position) ? items[position] : null;
    }

    /// <summary>
    /// Atomically replaces an item with <paramref name="change"/>'s result; returns null when the key is
    /// unknown. The change may throw (e.g. a state conflict) and then nothing is stored.
    /// </summary>
    public TItem? Update(TKey key, Func<TItem, TItem> change)
    {
        lock (gate)
        {
            if (!positions.TryGetValue(key, out int position)) return null;
            TItem updated = change(items[position]);
            items[position] = updated;
            return updated;
        }
    }

    public bool Any(Func<TItem, bool> match)
    {
        lock (gate) return items.Exists(item => match(item));
    }

    /// <summary>Cuts one page of matching items starting at a store position.</summary>
    public Page<TItem> Page(int start, int maxItems, Func<TItem, bool> match)
    {
        var page = new List<TItem>(Math.Min(maxItems, 256));
        lock (gate)
        {
            for (int i = Math.Max(start, 0); i < items.Count; i++)
            {
                if (!match(items[i])) continue;
                if (page.Count == maxItems) return new Page<TItem>(page, i);
                page.Add(items[i]);
            }
        }
        return new Page<TItem>(page, null);
    }

    public IReadOnlyList<TItem> Snapshot()
    {
        lock (gate) return items.ToArray();
    }

    public void Clear()
    {
        lock (gate)
        {
            positions.Clear();
            items.Clear();
        }
    }
}
