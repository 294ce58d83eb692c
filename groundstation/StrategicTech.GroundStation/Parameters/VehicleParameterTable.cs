using System.Globalization;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>Where a whole-list download stands.</summary>
public enum DownloadState
{
    Idle,
    Downloading,
    Complete,
    Failed,
}

/// <summary>
/// One vehicle's parameters on the render thread: rows by name (sorted for display), the download's progress by
/// distinct indices received out of the vehicle's param_count, and each edit's state from PARAM_SET to its echo.
/// </summary>
public sealed class VehicleParameterTable(byte systemId)
{
    private readonly Dictionary<string, ParameterRow> _rows = new(StringComparer.Ordinal);
    private readonly List<ParameterRow> _sorted = [];
    private readonly HashSet<int> _indices = [];
    private bool _dirty;

    public byte SystemId { get; } = systemId;

    /// <summary>param_count the autopilot reported (0 until a value arrives).</summary>
    public int ExpectedCount { get; private set; }

    /// <summary>Distinct indices of the autopilot received.</summary>
    public int ReceivedCount => _indices.Count;

    public DownloadState Download { get; private set; }

    /// <summary>The download's failure reason, or empty.</summary>
    public string DownloadMessage { get; private set; } = string.Empty;

    /// <summary>Rows sorted by name.</summary>
    public IReadOnlyList<ParameterRow> Rows
    {
        get
        {
            if (_dirty)
            {
                _sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                _dirty = false;
            }

            return _sorted;
        }
    }

    /// <summary>Download progress 0..1 (1 when complete).</summary>
    public double Progress => Download == DownloadState.Complete ? 1 : ExpectedCount <= 0 ? 0 : Math.Min(1.0, (double)ReceivedCount / ExpectedCount);

    public bool TryGet(string name, out ParameterRow row) => _rows.TryGetValue(name, out row!);

    /// <summary>Marks a download as started (the rows stay; values refresh as they arrive).</summary>
    public void BeginDownload()
    {
        Download = DownloadState.Downloading;
        DownloadMessage = string.Empty;
        _indices.Clear();
    }

    /// <summary>Marks an edit as sent.</summary>
    public void BeginSet(string name, ParameterValue requested)
    {
        ParameterRow row = RowFor(name, Link.ParameterHub.AutopilotComponent);
        row.Requested = requested;
        row.State = ParameterEditState.Sending;
        row.Note = "sent " + ParameterText.Format(requested);
    }

    /// <summary>Applies one event for this vehicle.</summary>
    public void Apply(in ParameterEvent e)
    {
        switch (e.Kind)
        {
            case ParameterEventKind.Value:
                ParameterRow row = RowFor(e.Name, e.ComponentId);
                row.Value = e.Value;
                if (e.Index >= 0 && e.Index < ushort.MaxValue)
                {
                    row.Index = e.Index;
                    if (e.ComponentId == Link.ParameterHub.AutopilotComponent)
                    {
                        _indices.Add(e.Index);
                    }
                }

                if (e.ComponentId == Link.ParameterHub.AutopilotComponent && e.Count > 0)
                {
                    ExpectedCount = e.Count;
                }

                break;
            case ParameterEventKind.DownloadComplete:
                Download = DownloadState.Complete;
                DownloadMessage = string.Create(CultureInfo.InvariantCulture, $"{e.Count} parameters");
                break;
            case ParameterEventKind.DownloadFailed:
                Download = DownloadState.Failed;
                DownloadMessage = e.Message;
                break;
            case ParameterEventKind.SetAccepted:
                ParameterRow accepted = RowFor(e.Name, e.ComponentId);
                accepted.Value = e.Value;
                accepted.State = ParameterEditState.Accepted;
                accepted.Note = "vehicle holds " + ParameterText.Format(e.Value);
                break;
            case ParameterEventKind.SetFailed:
                ParameterRow failed = RowFor(e.Name, e.ComponentId);
                failed.State = ParameterEditState.Failed;
                failed.Note = string.Create(CultureInfo.InvariantCulture, $"refused {ParameterText.Format(failed.Requested)}: vehicle holds {ParameterText.Format(failed.Value)} ({e.Message})");
                break;
            default:
                break;
        }
    }

    /// <summary>Rows whose name contains <paramref name="filter"/> (case-insensitive), sorted, into <paramref name="into"/>.</summary>
    public void Filter(string filter, List<ParameterRow> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        foreach (ParameterRow row in Rows)
        {
            if (filter.Length == 0 || row.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                into.Add(row);
            }
        }
    }

    private ParameterRow RowFor(string name, byte componentId)
    {
        if (!_rows.TryGetValue(name, out ParameterRow? row))
        {
            row = new ParameterRow(name, componentId);
            _rows.Add(name, row);
            _sorted.Add(row);
            _dirty = true;
        }

        return row;
    }
}
