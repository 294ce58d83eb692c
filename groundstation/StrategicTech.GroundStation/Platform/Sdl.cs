using System.Runtime.InteropServices;

namespace StrategicTech.GroundStation.Platform;

/// <summary>
/// The thin slice of SDL2 (Debian's libsdl2-2.0-0) the ground station uses: an OpenGL window, its events, and
/// SDL_PushEvent for injected input. Constants and struct offsets are SDL 2.0's ABI (SDL_video.h, SDL_events.h).
/// </summary>
internal static partial class Sdl
{
    private const string Lib = "libSDL2-2.0.so.0";

    public const uint InitVideo = 0x00000020;
    public const uint InitEvents = 0x00004000;
    public const uint InitGameController = 0x00002000;

    public const uint WindowOpenGl = 0x00000002;
    public const uint WindowShown = 0x00000004;
    public const uint WindowResizable = 0x00000020;
    public const int WindowPosCentered = 0x2FFF0000;

    public const int GlDoubleBuffer = 5;
    public const int GlStencilSize = 7;
    public const int GlContextMajorVersion = 17;
    public const int GlContextMinorVersion = 18;

    public const uint EventQuit = 0x100;
    public const uint EventWindow = 0x200;
    public const uint EventKeyDown = 0x300;
    public const uint EventTextInput = 0x303;
    public const uint EventMouseMotion = 0x400;
    public const uint EventMouseButtonDown = 0x401;
    public const uint EventMouseButtonUp = 0x402;
    public const uint EventMouseWheel = 0x403;
    public const uint EventControllerAxisMotion = 0x650;
    public const uint EventControllerButtonDown = 0x651;
    public const uint EventControllerButtonUp = 0x652;
    public const uint EventControllerDeviceAdded = 0x653;
    public const uint EventControllerDeviceRemoved = 0x654;

    /// <summary>SDL_JOYSTICK_TYPE_GAMECONTROLLER, for virtual joysticks.</summary>
    public const int JoystickTypeGameController = 1;

    public const byte WindowEventSizeChanged = 6;
    public const byte ButtonLeft = 1;

    [LibraryImport(Lib, EntryPoint = "SDL_Init")]
    public static partial int Init(uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_Quit")]
    public static partial void Quit();

    [LibraryImport(Lib, EntryPoint = "SDL_GetError")]
    private static partial nint GetErrorPtr();

    public static string GetError() => Marshal.PtrToStringUTF8(GetErrorPtr()) ?? string.Empty;

    [LibraryImport(Lib, EntryPoint = "SDL_GL_SetAttribute")]
    public static partial int GlSetAttribute(int attribute, int value);

    [LibraryImport(Lib, EntryPoint = "SDL_CreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(string title, int x, int y, int w, int h, uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_DestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_CreateContext")]
    public static partial nint GlCreateContext(nint window);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_DeleteContext")]
    public static partial void GlDeleteContext(nint context);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_GetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GlGetProcAddress(string name);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_SetSwapInterval")]
    public static partial int GlSetSwapInterval(int interval);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_SwapWindow")]
    public static partial void GlSwapWindow(nint window);

    [LibraryImport(Lib, EntryPoint = "SDL_GL_GetDrawableSize")]
    public static partial void GlGetDrawableSize(nint window, out int w, out int h);

    [LibraryImport(Lib, EntryPoint = "SDL_PollEvent")]
    public static partial int PollEvent(out SdlEvent e);

    /// <summary>Thread-safe: queues an event as if the user made it.</summary>
    [LibraryImport(Lib, EntryPoint = "SDL_PushEvent")]
    public static partial int PushEvent(ref SdlEvent e);

    [LibraryImport(Lib, EntryPoint = "SDL_GetMouseState")]
    public static partial uint GetMouseState(out int x, out int y);

    [LibraryImport(Lib, EntryPoint = "SDL_InitSubSystem")]
    public static partial int InitSubSystem(uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_IsGameController")]
    public static partial int IsGameController(int deviceIndex);

    [LibraryImport(Lib, EntryPoint = "SDL_GameControllerOpen")]
    public static partial nint GameControllerOpen(int deviceIndex);

    [LibraryImport(Lib, EntryPoint = "SDL_GameControllerClose")]
    public static partial void GameControllerClose(nint controller);

    [LibraryImport(Lib, EntryPoint = "SDL_GameControllerName")]
    private static partial nint GameControllerNamePtr(nint controller);

    public static string GameControllerName(nint controller) => Marshal.PtrToStringUTF8(GameControllerNamePtr(controller)) ?? string.Empty;

    [LibraryImport(Lib, EntryPoint = "SDL_GameControllerGetJoystick")]
    public static partial nint GameControllerGetJoystick(nint controller);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickInstanceID")]
    public static partial int JoystickInstanceId(nint joystick);

    /// <summary>A software joystick (SDL ≥ 2.0.14): tests plug a "pad" in without hardware. Returns its device index.</summary>
    [LibraryImport(Lib, EntryPoint = "SDL_JoystickAttachVirtual")]
    public static partial int JoystickAttachVirtual(int type, int axes, int buttons, int hats);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickDetachVirtual")]
    public static partial int JoystickDetachVirtual(int deviceIndex);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickOpen")]
    public static partial nint JoystickOpen(int deviceIndex);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickClose")]
    public static partial void JoystickClose(nint joystick);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickSetVirtualAxis")]
    public static partial int JoystickSetVirtualAxis(nint joystick, int axis, short value);

    [LibraryImport(Lib, EntryPoint = "SDL_JoystickSetVirtualButton")]
    public static partial int JoystickSetVirtualButton(nint joystick, int button, byte value);
}

/// <summary>SDL_Event (56 bytes): the fields of the event types used here, at their SDL 2.0 offsets.</summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
internal struct SdlEvent
{
    [FieldOffset(0)]
    public uint Type;

    [FieldOffset(4)]
    public uint Timestamp;

    [FieldOffset(8)]
    public uint WindowId;

    // SDL_WindowEvent: event (u8) at 12, data1/data2 at 16/20.
    [FieldOffset(12)]
    public byte WindowEvent;

    // SDL_KeyboardEvent: keysym.scancode at 16, keysym.sym at 20, keysym.mod at 24.
    [FieldOffset(20)]
    public int KeySym;

    // SDL_MouseMotionEvent: state (u32) at 16, x/y at 20/24.
    [FieldOffset(16)]
    public uint MotionState;

    // SDL_MouseButtonEvent: button (u8) at 16, state at 17, clicks at 18, x/y at 20/24.
    [FieldOffset(16)]
    public byte Button;

    [FieldOffset(17)]
    public byte ButtonState;

    [FieldOffset(18)]
    public byte Clicks;

    [FieldOffset(20)]
    public int X;

    [FieldOffset(24)]
    public int Y;

    // SDL_MouseWheelEvent: x/y at 16/20 (overlaps the fields above; read by event type).
    [FieldOffset(16)]
    public int WheelX;

    [FieldOffset(20)]
    public int WheelY;

    // SDL_Controller*Event: which (joystick instance id; device index for DEVICEADDED) at 8, axis or button (u8)
    // at 12, button state at 13, axis value (s16) at 16.
    [FieldOffset(8)]
    public int Which;

    [FieldOffset(12)]
    public byte ControllerPart;

    [FieldOffset(13)]
    public byte ControllerButtonState;

    [FieldOffset(16)]
    public short AxisValue;

    // SDL_TextInputEvent: text (char[32], UTF-8, NUL-terminated) at 12.
    [FieldOffset(12)]
    public SdlText Text;
}

/// <summary>SDL_TextInputEvent's 32-byte UTF-8 text.</summary>
[System.Runtime.CompilerServices.InlineArray(32)]
internal struct SdlText
{
    private byte _first;

    /// <summary>The text up to its NUL.</summary>
    public readonly string Read()
    {
        ReadOnlySpan<byte> bytes = this;
        int end = bytes.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
