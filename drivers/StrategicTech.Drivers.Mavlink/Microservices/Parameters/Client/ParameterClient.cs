using System.Globalization;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;

namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters.Client;

/// <summary>
/// The ground-station side of the parameter protocol, towards one target component.
/// <list type="bullet">
/// <item>List: PARAM_REQUEST_LIST, then PARAM_VALUEs slotted by param_index; when the stream stalls for
/// <see cref="TimeoutUs"/>, the missing indices are re-requested one by one (PARAM_REQUEST_READ). Each round without
/// a new value counts as a retry; after <see cref="Retries"/> the task fails naming how many and which are missing.</item>
/// <item>Read by name or index, with retries until a matching PARAM_VALUE.</item>
/// <item>Set: PARAM_SET repeated until the echoed PARAM_VALUE holds the new value; an echo of another value
/// (the vehicle refused, or a stale echo) triggers a resend, and if the last attempt still differs the task
/// fails as rejected.</item>
/// </list>
/// Values are encoded per <see cref="Encoding"/>, which an AUTOPILOT_VERSION from the target updates from its
/// capability flags. Defaults: 1 s timeout, 3 retries (4 attempts).
/// </summary>
public sealed class ParameterClient : IMavlinkService
{
    private readonly MavlinkNode _node;
    private readonly Lock _lock = new();
    private readonly List<Operation> _operations = [];
    private readonly List<Operation> _due = [];

    public ParameterClient(MavlinkNode node, byte targetSystem, byte targetComponent, ParameterEncoding encoding = ParameterEncoding.CCast,
        long timeoutUs = 1_000_000, int retries = 3)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutUs);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        TargetSystem = targetSystem;
        TargetComponent = targetComponent;
        Encoding = encoding;
        TimeoutUs = timeoutUs;
        Retries = retries;
    }

    public byte TargetSystem { get; }

    public byte TargetComponent { get; }

    public ParameterEncoding Encoding { get; set; }

    public long TimeoutUs { get; }

    public int Retries { get; }

    /// <summary>PARAM_VALUEs whose value could not be decoded for their type (counted, ignored).</summary>
    public long BadValues { get; private set; }

    /// <summary>Downloads every parameter, ordered by index.</summary>
    public Task<IReadOnlyList<Parameter>> ListAsync(CancellationToken cancellationToken = default) =>
        Start(new ListOperation(this), cancellationToken);

    public Task<Parameter> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        return Start(new ReadOperation(this, name, -1), cancellationToken);
    }

    public Task<Parameter> ReadAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, short.MaxValue);
        return Start(new ReadOperation(this, null, index), cancellationToken);
    }

    /// <summary>Sets a parameter; completes with the echoed value once the vehicle holds it.</summary>
    public Task<Parameter> SetAsync(string name, ParameterValue value, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        if (!ParameterValue.IsSupported(value.Type))
        {
            throw new ArgumentException($"parameter '{name}': type {value.Type} does not fit PARAM_SET", nameof(value));
        }

        return Start(new SetOperation(this, name, value), cancellationToken);
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.SystemId != TargetSystem || (TargetComponent != 0 && frame.ComponentId != TargetComponent))
        {
            return;
        }

        if (frame.TryDecode(out AutopilotVersion version))
        {
            Encoding = ParameterCodec.FromCapabilities(version.Capabilities);
            return;
        }

        if (!frame.TryDecode(out ParamValue message))
        {
            return;
        }

        if (!ParameterCodec.TryDecode(message.ParamValueValue, message.ParamType, Encoding, out ParameterValue value))
        {
            BadValues++;
            return;
        }

        var parameter = new Parameter(message.ParamIdText, message.ParamIndex, message.ParamCount, value);
        lock (_lock)
        {
            _due.Clear();
            _due.AddRange(_operations);
        }

        foreach (Operation operation in _due)
        {
            if (operation.OnValue(parameter, nowUs))
            {
                Remove(operation);
            }
        }
    }

    public void Tick(long nowUs)
    {
        Operation[] due;
        lock (_lock)
        {
            if (_operations.Count == 0)
            {
                return;
            }

            due = [.. _operations];
        }

        foreach (Operation operation in due)
        {
            if (nowUs >= operation.DeadlineUs && operation.OnTimeout(nowUs))
            {
                Remove(operation);
            }
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 16)
        {
            throw new ArgumentException($"parameter name '{name}' is longer than 16 characters", nameof(name));
        }
    }

    private Task<T> Start<T>(OperationOf<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        operation.DeadlineUs = _node.Clock.TimeUs + TimeoutUs;
        lock (_lock)
        {
            _operations.Add(operation);
        }

        operation.Registration = cancellationToken.Register(static state =>
        {
            var (client, op) = ((ParameterClient, OperationOf<T>))state!;
            client.Remove(op);
            op.Completion.TrySetCanceled();
        }, (this, operation));
        operation.Transmit();
        return operation.Completion.Task;
    }

    private void Remove(Operation operation)
    {
        lock (_lock)
        {
            _operations.Remove(operation);
        }

        operation.Registration.Dispose();
    }

    private void SendRead(string? name, int index)
    {
        var request = new ParamRequestRead { TargetSystem = TargetSystem, TargetComponent = TargetComponent, ParamIndex = (short)index };
        MavlinkText.Encode(name ?? string.Empty, request.ParamId);
        _node.Send(request);
    }

    private abstract class Operation(ParameterClient client)
    {
        public ParameterClient Client { get; } = client;

        public long DeadlineUs { get; set; }

        public int Attempts { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>Sends (again). Counts an attempt.</summary>
        public abstract void Transmit();

        /// <summary>True when the operation is finished.</summary>
        public abstract bool OnValue(in Parameter parameter, long nowUs);

        /// <summary>Retransmits or fails; true when finished.</summary>
        public abstract bool OnTimeout(long nowUs);

        protected string Target => string.Create(CultureInfo.InvariantCulture, $"{Client.TargetSystem}/{Client.TargetComponent}");
    }

    private abstract class OperationOf<T>(ParameterClient client) : Operation(client)
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool OnTimeout(long nowUs)
        {
            if (Attempts > Client.Retries)
            {
                Completion.TrySetException(new TimeoutException(DescribeTimeout()));
                return true;
            }

            DeadlineUs = nowUs + Client.TimeoutUs;
            Transmit();
            return false;
        }

        protected abstract string DescribeTimeout();
    }

    private sealed class ReadOperation(ParameterClient client, string? name, int index) : OperationOf<Parameter>(client)
    {
        public override void Transmit()
        {
            Attempts++;
            Client.SendRead(name, name is null ? index : -1);
        }

        public override bool OnValue(in Parameter parameter, long nowUs)
        {
            bool match = name is null ? parameter.Index == index : string.Equals(parameter.Name, name, StringComparison.Ordinal);
            return match && Completion.TrySetResult(parameter);
        }

        protected override string DescribeTimeout() => string.Create(CultureInfo.InvariantCulture,
            $"PARAM_REQUEST_READ {(name is null ? "index " + index.ToString(CultureInfo.InvariantCulture) : "'" + name + "'")} to {Target}: no PARAM_VALUE after {Attempts} requests ({Client.TimeoutUs / 1000} ms each)");
    }

    private sealed class SetOperation(ParameterClient client, string name, ParameterValue value) : OperationOf<Parameter>(client)
    {
        private ParameterValue? _lastEcho;

        public override void Transmit()
        {
            Attempts++;
            var request = new ParamSet
            {
                TargetSystem = Client.TargetSystem,
                TargetComponent = Client.TargetComponent,
                ParamValue = ParameterCodec.Encode(value, Client.Encoding),
                ParamType = value.Type,
            };
            MavlinkText.Encode(name, request.ParamId);
            Client._node.Send(request);
        }

        public override bool OnValue(in Parameter parameter, long nowUs)
        {
            if (!string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return false;
            }

            if (parameter.Value == value)
            {
                return Completion.TrySetResult(parameter);
            }

            // Refused, or a stale echo: ask again while attempts remain.
            _lastEcho = parameter.Value;
            if (Attempts > Client.Retries)
            {
                Completion.TrySetException(new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"PARAM_SET '{name}' = {value} to {Target}: rejected, the vehicle holds {parameter.Value} after {Attempts} attempts")));
                return true;
            }

            DeadlineUs = nowUs + Client.TimeoutUs;
            Transmit();
            return false;
        }

        protected override string DescribeTimeout() => string.Create(CultureInfo.InvariantCulture,
            $"PARAM_SET '{name}' = {value} to {Target}: no matching PARAM_VALUE after {Attempts} attempts ({Client.TimeoutUs / 1000} ms each){(_lastEcho is { } echo ? "; last echo " + echo : string.Empty)}");
    }

    private sealed class ListOperation(ParameterClient client) : OperationOf<IReadOnlyList<Parameter>>(client)
    {
        private Parameter[]? _items;
        private bool[]? _have;
        private int _received;

        public override void Transmit()
        {
            Attempts++;
            if (_have is null)
            {
                Client._node.Send(new ParamRequestList { TargetSystem = Client.TargetSystem, TargetComponent = Client.TargetComponent });
                return;
            }

            for (int i = 0; i < _have.Length; i++)
            {
                if (!_have[i])
                {
                    Client.SendRead(null, i);
                }
            }
        }

        public override bool OnValue(in Parameter parameter, long nowUs)
        {
            if (parameter.Count == 0 || parameter.Count > short.MaxValue)
            {
                return false;
            }

            if (_have is null)
            {
                _items = new Parameter[parameter.Count];
                _have = new bool[parameter.Count];
            }

            if (parameter.Count != _have.Length || parameter.Index >= _have.Length || _have[parameter.Index])
            {
                return false;
            }

            _have[parameter.Index] = true;
            _items![parameter.Index] = parameter;
            _received++;
            // Progress: the stream is alive, so the retry budget starts over.
            Attempts = 1;
            DeadlineUs = nowUs + Client.TimeoutUs;
            return _received == _have.Length && Completion.TrySetResult(_items);
        }

        protected override string DescribeTimeout()
        {
            if (_have is null)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"PARAM_REQUEST_LIST to {Target}: no PARAM_VALUE after {Attempts} requests ({Client.TimeoutUs / 1000} ms each)");
            }

            var missing = new List<int>();
            for (int i = 0; i < _have.Length && missing.Count < 10; i++)
            {
                if (!_have[i])
                {
                    missing.Add(i);
                }
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"PARAM_REQUEST_LIST to {Target}: {_have.Length - _received} of {_have.Length} parameters still missing after {Attempts - 1} re-requests (first missing indices {string.Join(",", missing)})");
        }
    }
}
