using System.Collections.Concurrent;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050;

namespace StrategicTech.Fleet.Hosting;

/// <summary>
/// Takes every AGV's VDA 5050 state inside the embedded broker, as it arrives, into a <see cref="StateIntake"/>.
/// Why: MQTTnet's server matches each published message against every subscribed session (a copy of the session
/// list and one subscription check per session, per message), so N robots at 10 Hz cost O(N²) checks a second;
/// and the master's own connection would then receive every state through one socket and one receive loop. With
/// the tap a state costs one copy into the robot's slot. The broker still forwards states (and pays the fan-out)
/// while some other client subscribes to state topics, e.g. a monitoring tool.
/// </summary>
public sealed class EmbeddedBrokerStateTap
{
    private readonly StateIntake _intake;
    private readonly string _prefix;
    private readonly string[] _stateLevels;
    private readonly ConcurrentDictionary<(string ClientId, string Filter), byte> _stateSubscriptions = new();

    public EmbeddedBrokerStateTap(MqttServer broker, StateIntake intake, string interfaceName, string protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(intake);
        _intake = intake;
        _prefix = interfaceName + "/" + Vda5050Topics.MajorVersion(protocolVersion) + "/";
        _stateLevels = [interfaceName, Vda5050Topics.MajorVersion(protocolVersion), "+", "+", Vda5050Topics.State];
        broker.InterceptingPublishAsync += OnPublish;
        broker.ClientSubscribedTopicAsync += OnSubscribed;
        broker.ClientUnsubscribedTopicAsync += OnUnsubscribed;
        broker.SessionDeletedAsync += OnSessionDeleted;
    }

    /// <summary>Subscriptions of clients that would receive state messages (the broker forwards states while there are any).</summary>
    public int StateSubscriptions => _stateSubscriptions.Count;

    /// <summary>Whether <paramref name="topic"/> is <c>prefix/manufacturer/serialNumber/state</c> (checked without allocating).</summary>
    public bool IsStateTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ReadOnlySpan<char> t = topic;
        if (!t.StartsWith(_prefix, StringComparison.Ordinal) || !t.EndsWith("/" + Vda5050Topics.State, StringComparison.Ordinal))
        {
            return false;
        }

        return t.Count('/') == 4;
    }

    /// <summary>Whether a subscription with <paramref name="filter"/> receives the state of at least one AGV.</summary>
    public bool MatchesSomeStateTopic(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string[] levels = filter.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            if (levels[i] == "#")
            {
                return true;
            }

            if (i >= _stateLevels.Length || (levels[i] != "+" && _stateLevels[i] != "+" && levels[i] != _stateLevels[i]))
            {
                return false;
            }
        }

        return levels.Length == _stateLevels.Length;
    }

    private Task OnPublish(InterceptingPublishEventArgs e)
    {
        string topic = e.ApplicationMessage.Topic;
        if (topic is not null && IsStateTopic(topic))
        {
            _intake.Offer(topic, e.ApplicationMessage.Payload);
            e.ProcessPublish = !_stateSubscriptions.IsEmpty;
        }

        return Task.CompletedTask;
    }

    private Task OnSubscribed(ClientSubscribedTopicEventArgs e)
    {
        if (MatchesSomeStateTopic(e.TopicFilter.Topic))
        {
            _stateSubscriptions.TryAdd((e.ClientId, e.TopicFilter.Topic), 0);
        }

        return Task.CompletedTask;
    }

    private Task OnUnsubscribed(ClientUnsubscribedTopicEventArgs e)
    {
        _stateSubscriptions.TryRemove((e.ClientId, e.TopicFilter), out _);
        return Task.CompletedTask;
    }

    private Task OnSessionDeleted(SessionDeletedEventArgs e)
    {
        foreach ((string ClientId, string Filter) key in _stateSubscriptions.Keys)
        {
            if (key.ClientId == e.Id)
            {
                _stateSubscriptions.TryRemove(key, out _);
            }
        }

        return Task.CompletedTask;
    }
}
