using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;

/// <summary>
/// The vehicle side of the mission protocol for mission, fence and rally lists. An upload (MISSION_COUNT, then
/// MISSION_REQUEST_INT / MISSION_ITEM_INT for each seq in order) fills a staging buffer; the list is swapped in
/// only when the last item arrived, so a half-written mission is never visible. A missing item is re-requested
/// after <see cref="ItemTimeoutUs"/>, at most <see cref="ItemRetries"/> times, then the upload is abandoned
/// (MAV_MISSION_OPERATION_CANCELLED) and the old list stays. A repeated last item after completion (the client
/// missed the ACK) is acknowledged again. Downloads, MISSION_CLEAR_ALL and MISSION_SET_CURRENT (answered with
/// MISSION_CURRENT) are served from the applied lists. A <see cref="Validator"/>, when set, sees each complete list
/// (and an upload of zero items) before it is applied: anything but MAV_MISSION_ACCEPTED is sent as the final ACK
/// and the old list stays, so the ground station learns that the vehicle refused it (e.g. a DO_JUMP to a missing seq).
/// Buffers are preallocated for <see cref="Capacity"/> items per type; the receive path allocates nothing.
/// </summary>
public sealed class MissionServer : IMavlinkService
{
    private const int TypeCount = 3;

    private readonly MavlinkNode _node;
    private readonly MissionPlanItem[][] _active = new MissionPlanItem[TypeCount][];
    private readonly MissionPlanItem[][] _staging = new MissionPlanItem[TypeCount][];
    private readonly int[] _activeCount = new int[TypeCount];
    private readonly int[] _lastUploadCount = new int[TypeCount];
    private Transfer _transfer;

    public MissionServer(MavlinkNode node, int capacity = 500, long itemTimeoutUs = 1_000_000, int itemRetries = 5)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, ushort.MaxValue);
        Capacity = capacity;
        ItemTimeoutUs = itemTimeoutUs;
        ItemRetries = itemRetries;
        for (int i = 0; i < TypeCount; i++)
        {
            _active[i] = new MissionPlanItem[capacity];
            _staging[i] = new MissionPlanItem[capacity];
        }
    }

    public int Capacity { get; }

    public long ItemTimeoutUs { get; }

    public int ItemRetries { get; }

    /// <summary>Uploads completed and applied.</summary>
    public long UploadsApplied { get; private set; }

    /// <summary>
    /// Judges a complete upload before it replaces the applied list (on the receive thread; the span is only valid
    /// during the call). Null: every complete list is accepted.
    /// </summary>
    public MissionListValidator? Validator { get; set; }

    /// <summary>Complete uploads the <see cref="Validator"/> refused (the old list stayed).</summary>
    public long UploadsRefused { get; private set; }

    /// <summary>Uploads abandoned (timeouts, refused counts).</summary>
    public long UploadsFailed { get; private set; }

    /// <summary>The mission item the vehicle is flying to (MISSION_SET_CURRENT moves it; the mission executor reads it).</summary>
    public int CurrentSeq { get; set; }

    /// <summary>True while an upload is being received.</summary>
    public bool Receiving => _transfer.Active;

    /// <summary>The applied list of <paramref name="type"/> (a view of the live buffer: copy it if you keep it).</summary>
    public ReadOnlySpan<MissionPlanItem> Items(MavMissionType type) => _active[Index(type)].AsSpan(0, _activeCount[Index(type)]);

    /// <summary>Replaces a list directly (vehicle side, e.g. loaded at start-up).</summary>
    public void Load(MavMissionType type, ReadOnlySpan<MissionPlanItem> items)
    {
        if (items.Length > Capacity)
        {
            throw new ArgumentException($"{items.Length} {type} items exceed the capacity of {Capacity}", nameof(items));
        }

        items.CopyTo(_active[Index(type)]);
        _activeCount[Index(type)] = items.Length;
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == MissionCount.MsgId)
        {
            MissionCount message = MissionCount.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                OnCount(message, frame.SystemId, frame.ComponentId, nowUs);
            }
        }
        else if (id == MissionItemInt.MsgId)
        {
            MissionItemInt message = MissionItemInt.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                OnItem(message, frame.SystemId, frame.ComponentId, nowUs);
            }
        }
        else if (id == MissionRequestList.MsgId)
        {
            MissionRequestList message = MissionRequestList.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                if (!IsSupported(message.MissionType))
                {
                    SendAck(frame.SystemId, frame.ComponentId, message.MissionType, MavMissionResult.MavMissionUnsupported);
                    return;
                }

                _node.Send(new MissionCount
                {
                    TargetSystem = frame.SystemId,
                    TargetComponent = frame.ComponentId,
                    Count = (ushort)_activeCount[Index(message.MissionType)],
                    MissionType = message.MissionType,
                });
            }
        }
        else if (id == MissionRequestInt.MsgId)
        {
            MissionRequestInt message = MissionRequestInt.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                OnDownloadRequest(message, frame.SystemId, frame.ComponentId);
            }
        }
        else if (id == MissionSetCurrent.MsgId)
        {
            MissionSetCurrent message = MissionSetCurrent.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                // An invalid seq leaves the current item; the MISSION_CURRENT reply tells the client so.
                if (message.Seq < _activeCount[(int)MavMissionType.Mission])
                {
                    CurrentSeq = message.Seq;
                }

                _node.Send(new MissionCurrent { Seq = (ushort)CurrentSeq, Total = (ushort)_activeCount[(int)MavMissionType.Mission] });
            }
        }
        else if (id == MissionClearAll.MsgId)
        {
            MissionClearAll message = MissionClearAll.Decode(frame.Payload);
            if (_node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                OnClear(message.MissionType, frame.SystemId, frame.ComponentId);
            }
        }
    }

    public void Tick(long nowUs)
    {
        if (!_transfer.Active || nowUs < _transfer.DeadlineUs)
        {
            return;
        }

        if (_transfer.Retries >= ItemRetries)
        {
            // Give up: the staging buffer is simply forgotten, the applied list never changed.
            _transfer.Active = false;
            UploadsFailed++;
            SendAck(_transfer.SourceSystem, _transfer.SourceComponent, _transfer.Type, MavMissionResult.MavMissionOperationCancelled);
            return;
        }

        _transfer.Retries++;
        RequestNext(nowUs);
    }

    private static bool IsSupported(MavMissionType type) => type is MavMissionType.Mission or MavMissionType.Fence or MavMissionType.Rally;

    private static int Index(MavMissionType type) => IsSupported(type)
        ? (int)type
        : throw new ArgumentOutOfRangeException(nameof(type), type, "mission type must be Mission, Fence or Rally");

    private void OnCount(in MissionCount message, byte sourceSystem, byte sourceComponent, long nowUs)
    {
        if (!IsSupported(message.MissionType))
        {
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionUnsupported);
            return;
        }

        if (_transfer.Active && (_transfer.SourceSystem != sourceSystem || _transfer.SourceComponent != sourceComponent))
        {
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionDenied);
            return;
        }

        if (message.Count > Capacity)
        {
            UploadsFailed++;
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionNoSpace);
            return;
        }

        int type = Index(message.MissionType);
        if (message.Count == 0)
        {
            _transfer.Active = false;
            if (Refused(message.MissionType, ReadOnlySpan<MissionPlanItem>.Empty, sourceSystem, sourceComponent))
            {
                return;
            }

            _activeCount[type] = 0;
            CurrentSeq = type == (int)MavMissionType.Mission ? 0 : CurrentSeq;
            _lastUploadCount[type] = 0;
            UploadsApplied++;
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionAccepted);
            return;
        }

        // A new or repeated MISSION_COUNT (re)starts the upload from item 0.
        _transfer = new Transfer
        {
            Active = true,
            Type = message.MissionType,
            Count = message.Count,
            SourceSystem = sourceSystem,
            SourceComponent = sourceComponent,
        };
        RequestNext(nowUs);
    }

    private void OnItem(in MissionItemInt message, byte sourceSystem, byte sourceComponent, long nowUs)
    {
        if (!IsSupported(message.MissionType))
        {
            return;
        }

        int type = Index(message.MissionType);
        if (!_transfer.Active || _transfer.Type != message.MissionType || _transfer.SourceSystem != sourceSystem || _transfer.SourceComponent != sourceComponent)
        {
            // The client missed our final ACK and repeats the last item: say it again.
            if (!_transfer.Active && _lastUploadCount[type] > 0 && message.Seq == _lastUploadCount[type] - 1)
            {
                SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionAccepted);
            }

            return;
        }

        if (message.Seq != _transfer.Next)
        {
            // Duplicate or out of order: ask again for the one we need.
            RequestNext(nowUs);
            return;
        }

        _staging[type][_transfer.Next] = MissionPlanItem.From(message);
        _transfer.Next++;
        _transfer.Retries = 0;
        if (_transfer.Next < _transfer.Count)
        {
            RequestNext(nowUs);
            return;
        }

        // Complete: the vehicle judges it, then staging and applied swap in one step.
        _transfer.Active = false;
        if (Refused(message.MissionType, _staging[type].AsSpan(0, _transfer.Count), sourceSystem, sourceComponent))
        {
            _lastUploadCount[type] = 0;
            return;
        }

        (_active[type], _staging[type]) = (_staging[type], _active[type]);
        _activeCount[type] = _transfer.Count;
        _lastUploadCount[type] = _transfer.Count;
        CurrentSeq = type == (int)MavMissionType.Mission ? 0 : CurrentSeq;
        _transfer.Active = false;
        UploadsApplied++;
        SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionAccepted);
    }

    /// <summary>Runs the <see cref="Validator"/>; on a refusal sends its result as the final ACK and counts it.</summary>
    private bool Refused(MavMissionType type, ReadOnlySpan<MissionPlanItem> items, byte sourceSystem, byte sourceComponent)
    {
        MavMissionResult verdict = Validator?.Invoke(type, items) ?? MavMissionResult.MavMissionAccepted;
        if (verdict == MavMissionResult.MavMissionAccepted)
        {
            return false;
        }

        UploadsRefused++;
        SendAck(sourceSystem, sourceComponent, type, verdict);
        return true;
    }

    private void OnDownloadRequest(in MissionRequestInt message, byte sourceSystem, byte sourceComponent)
    {
        if (!IsSupported(message.MissionType))
        {
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionUnsupported);
            return;
        }

        int type = Index(message.MissionType);
        if (message.Seq >= _activeCount[type])
        {
            SendAck(sourceSystem, sourceComponent, message.MissionType, MavMissionResult.MavMissionInvalidSequence);
            return;
        }

        _node.Send(_active[type][message.Seq].ToMessage(sourceSystem, sourceComponent, message.Seq, message.MissionType));
    }

    private void OnClear(MavMissionType missionType, byte sourceSystem, byte sourceComponent)
    {
        if (missionType == MavMissionType.All)
        {
            Array.Clear(_activeCount);
            Array.Clear(_lastUploadCount);
            CurrentSeq = 0;
        }
        else if (IsSupported(missionType))
        {
            _activeCount[Index(missionType)] = 0;
            _lastUploadCount[Index(missionType)] = 0;
            CurrentSeq = missionType == MavMissionType.Mission ? 0 : CurrentSeq;
        }
        else
        {
            SendAck(sourceSystem, sourceComponent, missionType, MavMissionResult.MavMissionUnsupported);
            return;
        }

        SendAck(sourceSystem, sourceComponent, missionType, MavMissionResult.MavMissionAccepted);
    }

    private void RequestNext(long nowUs)
    {
        _transfer.DeadlineUs = nowUs + ItemTimeoutUs;
        _node.Send(new MissionRequestInt
        {
            TargetSystem = _transfer.SourceSystem,
            TargetComponent = _transfer.SourceComponent,
            Seq = _transfer.Next,
            MissionType = _transfer.Type,
        });
    }

    private void SendAck(byte targetSystem, byte targetComponent, MavMissionType type, MavMissionResult result) =>
        _node.Send(new MissionAck { TargetSystem = targetSystem, TargetComponent = targetComponent, Type = result, MissionType = type });

    private struct Transfer
    {
        public bool Active;
        public MavMissionType Type;
        public ushort Count;
        public ushort Next;
        public byte SourceSystem;
        public byte SourceComponent;
        public int Retries;
        public long DeadlineUs;
    }
}
