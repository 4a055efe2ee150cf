using System.Collections;

namespace EconomySim.Domain.Organisations;

/// <summary>
/// The items of one type in an inbox, each with its sender, in canonical order. Organisations look through their inbox
/// for several types in every activation: a value enumerated in place, where an iterator was an object each time.
/// </summary>
public readonly struct InboxItems<T>(Inbox inbox) : IEnumerable<(int Sender, T Item)> where T : EconomyMessage
{
    public Enumerator GetEnumerator() => new(inbox);

    IEnumerator<(int Sender, T Item)> IEnumerable<(int Sender, T Item)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(Inbox inbox) : IEnumerator<(int Sender, T Item)>
    {
        // Messages are sealed records, so an item is of type T when its type is T: a comparison, where a test of a type
        // parameter goes through the runtime's general cast for every item that is not one (most of an inbox).
        private readonly bool _exact = typeof(T).IsSealed;
        private int _letter;
        private int _item = -1;

        public (int Sender, T Item) Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            for (; _letter < inbox.Count; _letter++, _item = -1)
            {
                var items = inbox[_letter].Items;
                while (++_item < items.Count)
                {
                    var item = items[_item];
                    if (_exact ? item.GetType() == typeof(T) : item is T)
                    {
                        Current = (inbox[_letter].Sender, (T)item);
                        return true;
                    }
                }
            }
            return false;
        }

        public void Reset() => (_letter, _item) = (0, -1);

        public readonly void Dispose()
        {
        }
    }
}
