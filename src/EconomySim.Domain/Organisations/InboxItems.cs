using System.Collections;

namespace EconomySim.Domain.Organisations;

/// <summary>
/// The items of one type in an inbox, each with its sender, in canonical order. Organisations look through their inbox
/// for several types in every activation: a value enumerated in place, where an iterator was an object each time.
/// </summary>
public readonly struct InboxItems<T>(IReadOnlyList<Letter> inbox) : IEnumerable<(int Sender, T Item)> where T : EconomyMessage
{
    public Enumerator GetEnumerator() => new(inbox);

    IEnumerator<(int Sender, T Item)> IEnumerable<(int Sender, T Item)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(IReadOnlyList<Letter> inbox) : IEnumerator<(int Sender, T Item)>
    {
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
                    if (items[_item] is T typed)
                    {
                        Current = (inbox[_letter].Sender, typed);
                        return true;
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
