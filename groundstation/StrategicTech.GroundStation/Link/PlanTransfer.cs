using System.Globalization;
using System.Text;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Client;

namespace StrategicTech.GroundStation.Link;

/// <summary>Where a plan transfer stands.</summary>
public enum TransferState
{
    Idle,
    Running,
    Done,
    Failed,
}

/// <summary>The three lists a download brought back (mission as sent by the vehicle, fence, rally).</summary>
public sealed record DownloadedLists(IReadOnlyList<MissionPlanItem> Mission, IReadOnlyList<MissionPlanItem> Fence, IReadOnlyList<MissionPlanItem> Rally);

/// <summary>
/// Uploads or downloads a plan's mission, fence and rally lists, one after the other, with the driver's
/// <see cref="MissionClient"/> (one per vehicle), off the render thread. The render thread reads
/// <see cref="State"/>, <see cref="Progress"/> (list name, items done, items in the list) and <see cref="Message"/>;
/// a refused list names the vehicle's MAV_MISSION_RESULT (e.g. MAV_MISSION_NO_SPACE), a silent vehicle the step
/// where it stopped.
/// </summary>
public sealed class PlanTransfer(Func<byte, MissionClient> clientFor)
{
    private static readonly (MavMissionType Type, string Name)[] Lists =
        [(MavMissionType.Mission, "mission"), (MavMissionType.Fence, "fence"), (MavMissionType.Rally, "rally")];

    private readonly Func<byte, MissionClient> _clientFor = clientFor ?? throw new ArgumentNullException(nameof(clientFor));
    private volatile MissionClient? _active;
    private volatile int _list;
    private volatile int _state;
    private volatile string _message = string.Empty;
    private volatile DownloadedLists? _downloaded;
    private double _fractionShown;

    public TransferState State => (TransferState)_state;

    /// <summary>The last transfer's outcome in a sentence (empty while idle).</summary>
    public string Message => _message;

    /// <summary>True while a transfer runs.</summary>
    public bool Busy => State == TransferState.Running;

    /// <summary>The list in transfer and its progress (items done of total; total 0 until the vehicle's count is known).</summary>
    public (string List, int Done, int Total) Progress
    {
        get
        {
            MissionClient? client = _active;
            (int done, int total) = client?.Progress ?? (0, 0);
            return (Lists[Math.Clamp(_list, 0, Lists.Length - 1)].Name, done, total);
        }
    }

    /// <summary>Fraction of the whole transfer done, 0..1 (each of the three lists a third).</summary>
    public double Fraction
    {
        get
        {
            if (State == TransferState.Done)
            {
                return 1;
            }

            (_, int done, int total) = Progress;
            double within = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;

            // Between two lists the client is idle for a moment: never show the bar going back.
            double fraction = Math.Max(_fractionShown, (_list + within) / Lists.Length);
            _fractionShown = fraction;
            return fraction;
        }
    }

    /// <summary>Takes the lists of a finished download (once), or null.</summary>
    public DownloadedLists? TakeDownloaded() => Interlocked.Exchange(ref _downloaded, null);

    /// <summary>Starts uploading the three lists to <paramref name="systemId"/>; false when a transfer is already running.</summary>
    public bool Upload(byte systemId, IReadOnlyList<MissionPlanItem> mission, IReadOnlyList<MissionPlanItem> fence, IReadOnlyList<MissionPlanItem> rally)
    {
        if (!Begin(systemId, out MissionClient? client))
        {
            return false;
        }

        _ = RunUpload(client, [mission, fence, rally]);
        return true;
    }

    /// <summary>Starts downloading the three lists from <paramref name="systemId"/>; false when a transfer is already running.</summary>
    public bool Download(byte systemId)
    {
        if (!Begin(systemId, out MissionClient? client))
        {
            return false;
        }

        _ = RunDownload(client);
        return true;
    }

    /// <summary>The spec's name of a MAV_MISSION_RESULT: MavMissionNoSpace → MAV_MISSION_NO_SPACE.</summary>
    public static string SpecName(MavMissionResult result)
    {
        string name = result.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    private bool Begin(byte systemId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MissionClient? client)
    {
        client = null;
        if (Interlocked.CompareExchange(ref _state, (int)TransferState.Running, (int)TransferState.Idle) != (int)TransferState.Idle
            && Interlocked.CompareExchange(ref _state, (int)TransferState.Running, (int)TransferState.Done) != (int)TransferState.Done
            && Interlocked.CompareExchange(ref _state, (int)TransferState.Running, (int)TransferState.Failed) != (int)TransferState.Failed)
        {
            return false;
        }

        _list = 0;
        _fractionShown = 0;
        _message = string.Empty;
        client = _clientFor(systemId);
        _active = client;
        return true;
    }

    private async Task RunUpload(MissionClient client, IReadOnlyList<MissionPlanItem>[] lists)
    {
        int[] counts = new int[lists.Length];
        try
        {
            for (int i = 0; i < Lists.Length; i++)
            {
                _list = i;
                counts[i] = lists[i].Count;
                await client.UploadAsync(Lists[i].Type, lists[i]).ConfigureAwait(false);
            }

            Finish(TransferState.Done, string.Create(CultureInfo.InvariantCulture,
                $"uploaded to vehicle {client.TargetSystem}: {counts[0]} mission items, {counts[1]} fence items, {counts[2]} rally points"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            Finish(TransferState.Failed, Describe("upload", client, ex));
        }
    }

    private async Task RunDownload(MissionClient client)
    {
        var got = new IReadOnlyList<MissionPlanItem>[Lists.Length];
        try
        {
            for (int i = 0; i < Lists.Length; i++)
            {
                _list = i;
                got[i] = await client.DownloadAsync(Lists[i].Type).ConfigureAwait(false);
            }

            _downloaded = new DownloadedLists(got[0], got[1], got[2]);
            Finish(TransferState.Done, string.Create(CultureInfo.InvariantCulture,
                $"downloaded from vehicle {client.TargetSystem}: {got[0].Count} mission items, {got[1].Count} fence items, {got[2].Count} rally points"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            Finish(TransferState.Failed, Describe("download", client, ex));
        }
    }

    private string Describe(string what, MissionClient client, Exception ex)
    {
        string list = Lists[_list].Name;
        if (ex.Data[MissionClient.ResultDataKey] is MavMissionResult result)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{list} {what} refused by vehicle {client.TargetSystem}: {SpecName(result)}");
        }

        return ex is TimeoutException
            ? string.Create(CultureInfo.InvariantCulture, $"{list} {what} timed out: {ex.Message}")
            : string.Create(CultureInfo.InvariantCulture, $"{list} {what} failed: {ex.Message}");
    }

    private void Finish(TransferState state, string message)
    {
        _message = message;
        _active = null;
        _state = (int)state;
    }
}
