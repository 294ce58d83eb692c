using StrategicTech.GroundStation.Platform;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// Input events pushed into SDL's queue (SDL_PushEvent is thread-safe), so a test or a script drives the real
/// window exactly as a user's mouse and keyboard would: the app cannot tell them apart.
/// </summary>
public static class InjectedInput
{
    /// <summary>A left click: motion to the point, button down, button up.</summary>
    public static void Click(float x, float y)
    {
        var e = new SdlEvent { Type = Sdl.EventMouseMotion, X = (int)x, Y = (int)y };
        Push(ref e);
        e = new SdlEvent { Type = Sdl.EventMouseButtonDown, X = (int)x, Y = (int)y };
        e.Button = Sdl.ButtonLeft;
        e.ButtonState = 1;
        e.Clicks = 1;
        Push(ref e);
        e.Type = Sdl.EventMouseButtonUp;
        e.ButtonState = 0;
        Push(ref e);
    }

    /// <summary>A left-button drag: motion to the start, button down, <paramref name="steps"/> motions to the end, button up.</summary>
    public static void Drag(float fromX, float fromY, float toX, float toY, int steps = 8)
    {
        var e = new SdlEvent { Type = Sdl.EventMouseMotion, X = (int)fromX, Y = (int)fromY };
        Push(ref e);
        e = new SdlEvent { Type = Sdl.EventMouseButtonDown, X = (int)fromX, Y = (int)fromY };
        e.Button = Sdl.ButtonLeft;
        e.ButtonState = 1;
        e.Clicks = 1;
        Push(ref e);
        for (int i = 1; i <= steps; i++)
        {
            var move = new SdlEvent { Type = Sdl.EventMouseMotion, X = (int)(fromX + ((toX - fromX) * i / steps)), Y = (int)(fromY + ((toY - fromY) * i / steps)) };
            Push(ref move);
        }

        e.Type = Sdl.EventMouseButtonUp;
        e.X = (int)toX;
        e.Y = (int)toY;
        e.ButtonState = 0;
        Push(ref e);
    }

    /// <summary>A key press (SDL keycode: ASCII for letters, digits, Tab, Return and Escape).</summary>
    public static void Key(char key)
    {
        var e = new SdlEvent { Type = Sdl.EventKeyDown, KeySym = char.ToLowerInvariant(key) };
        Push(ref e);
    }

    /// <summary>A key by SDL keycode (Backspace 8, Enter 13, Escape 27, F1 0x4000003A …).</summary>
    public static void KeyCode(int keyCode)
    {
        var e = new SdlEvent { Type = Sdl.EventKeyDown, KeySym = keyCode };
        Push(ref e);
    }

    /// <summary>Typed text as SDL_TEXTINPUT events (at most 31 UTF-8 bytes each, as SDL sends them).</summary>
    public static void Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        for (int start = 0; start < bytes.Length; start += 31)
        {
            var e = new SdlEvent { Type = Sdl.EventTextInput };
            Span<byte> target = e.Text;
            bytes.AsSpan(start, Math.Min(31, bytes.Length - start)).CopyTo(target);
            Push(ref e);
        }
    }

    private static void Push(ref SdlEvent e)
    {
        if (Sdl.PushEvent(ref e) < 0)
        {
            throw new InvalidOperationException("SDL_PushEvent failed: " + Sdl.GetError());
        }
    }
}
