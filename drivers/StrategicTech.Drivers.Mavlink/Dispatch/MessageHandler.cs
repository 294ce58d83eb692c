namespace StrategicTech.Drivers.Mavlink;

/// <summary>A callback for one decoded message type; both arguments are passed by reference, nothing is boxed or copied to the heap.</summary>
public delegate void MessageHandler<TMessage>(in TMessage message, in MavlinkFrameHeader header)
    where TMessage : struct, IMavlinkMessage<TMessage>;

/// <summary>
/// A handler object for one message type. Implement it on a struct (or a sealed class) and subscribe it with
/// <see cref="MavlinkMessageDispatcher.Subscribe{TMessage, THandler}(THandler)"/>: the dispatcher keeps the handler
/// in a field of its exact type, so calls are direct, not through a delegate.
/// </summary>
public interface IMessageHandler<TMessage>
    where TMessage : struct, IMavlinkMessage<TMessage>
{
    void Handle(in TMessage message, in MavlinkFrameHeader header);
}

/// <summary>A decoded message with its header, as published to <see cref="IObservable{T}"/> subscribers.</summary>
public readonly record struct ReceivedMessage<TMessage>(TMessage Message, MavlinkFrameHeader Header)
    where TMessage : struct, IMavlinkMessage<TMessage>;
