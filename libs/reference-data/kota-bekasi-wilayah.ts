/**
 * Kota Bekasi (BPS 3275): 12 kecamatan, 56 kelurahan. Reference data of the default deployment.
 * Copied into the repo so that the service never depends on files outside it.
 */
export const KOTA_BEKASI_WILAYAH: Readonly<Record<string, readonly string[]>> = {
  'Bantar Gebang': ['Bantar Gebang', 'Ciketing Udik', 'Cikiwul', 'Sumur Batu'],
  'Bekasi Barat': ['Bintara', 'Bintara Jaya', 'Jakasampurna', 'Kota Baru', 'Kranji'],
  'Bekasi Selatan': ['Jaka Mulya', 'Jaka Setia', 'Kayuringin Jaya', 'Marga Jaya', 'Pekayon Jaya'],
  'Bekasi Timur': ['Aren Jaya', 'Bekasi Jaya', 'Duren Jaya', 'Margahayu'],
  'Bekasi Utara': ['Harapan Baru', 'Harapan Jaya', 'Kaliabang Tengah', 'Marga Mulya', 'Perwira', 'Teluk Pucung'],
  Jatiasih: ['Jatiasih', 'Jatikramat', 'Jatiluhur', 'Jatimekar', 'Jatirasa', 'Jatisari'],
  Jatisampurna: ['Jatikarya', 'Jatiraden', 'Jatiranggon', 'Jatirangga', 'Jatisampurna'],
  'Medan Satria': ['Harapan Mulya', 'Kali Baru', 'Medan Satria', 'Pejuang'],
  'Mustika Jaya': ['Cimuning', 'Mustika Jaya', 'Mustika Sari', 'Padurenan'],
  'Pondok Gede': ['Jatibening', 'Jatibening Baru', 'Jaticempaka', 'Jatimakmur', 'Jatiwaringin'],
  'Pondok Melati': ['Jatimelati', 'Jatimurni', 'Jatirahayu', 'Jatiwarna'],
  Rawalumbu: ['Bojong Menteng', 'Bojong Rawalumbu', 'Pengasinan', 'Sepanjang Jaya'],
};
