fn main() {
    println!("byline: not yet");
}
